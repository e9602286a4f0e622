package lexicon

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The payload of a lexicon (what Build returns and the tests compare) is a
// header line and then the words, sorted by bytes and front-coded: each
// entry is one byte giving how many leading bytes it shares with the entry
// before it, then the rest of the word, then '\n'. A French list of 346,000
// forms takes 1.4 MB this way, against 4 MB as plain lines.
//
// The shipped lexicons (data/lexicons.lex, written by the generator) are
// the payloads ready for lookups, one after the other, so that loading one
// decodes nothing and copies nothing: the binary's read-only data is used
// in place, and a lookup touches a few of its pages. Each is the entries
// re-coded with a restart every restartEvery entries (an entry that shares
// nothing), after the offset of every restart entry and a first-byte index.
// A lookup binary-searches the restart entries of its first byte and then
// decodes at most restartEvery entries. Each starts with a header line,
// "mtaudit-lexicon 3 <id> <count> <restarts> <bytes of entries>", then
// byFirst (257 × 4 bytes), the restarts' offsets into the entries (4 bytes
// each), the entries; every number little-endian.
const (
	magic        = "mtaudit-lexicon"
	version      = 1 // the payload
	readyVersion = 3 // the shipped file
	restartEvery = 8
	maxShared    = 255
)

// encode front-codes words, which must be sorted and unique, under a
// header naming the lexicon.
func encode(id string, words []string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %d %s %d\n", magic, version, id, len(words))
	prev := ""
	for _, w := range words {
		n := 0
		for n < len(w) && n < len(prev) && n < maxShared && w[n] == prev[n] {
			n++
		}
		b.WriteByte(byte(n))
		b.WriteString(w[n:])
		b.WriteByte('\n')
		prev = w
	}
	return b.Bytes()
}

// decoded is a lexicon ready for lookups: the entries, re-coded with
// restarts, and the offset of every restart entry.
type decoded struct {
	id      string
	count   int
	entries string
	// restarts holds the offset of every restart entry, 4 bytes each,
	// little-endian (read in place from the shipped data).
	restarts string
	nRestart int
	// byFirst[b] is the first restart whose word starts with a byte >= b:
	// a lookup binary-searches only the restarts of its first byte.
	byFirst [257]uint32
}

// restart returns the offset of restart entry i.
func (d *decoded) restart(i int) int {
	r := d.restarts[4*i : 4*i+4]
	return int(uint32(r[0]) | uint32(r[1])<<8 | uint32(r[2])<<16 | uint32(r[3])<<24)
}

// decode checks a payload and re-codes its entries with restarts in one
// pass (the generator's work; see marshal).
func decode(payload []byte) (*decoded, error) {
	nl := bytes.IndexByte(payload, '\n')
	if nl < 0 {
		return nil, errors.New("no header line")
	}
	f := strings.Fields(string(payload[:nl]))
	if len(f) != 4 || f[0] != magic {
		return nil, fmt.Errorf("bad header %q", payload[:nl])
	}
	if v, err := strconv.Atoi(f[1]); err != nil || v != version {
		return nil, fmt.Errorf("format version %s, want %d", f[1], version)
	}
	count, err := strconv.Atoi(f[3])
	if err != nil || count < 0 {
		return nil, fmt.Errorf("bad word count %q", f[3])
	}
	d := &decoded{id: f[2], count: count}
	restarts := make([]byte, 0, 4*(count/restartEvery+1))
	e := payload[nl+1:]
	out := make([]byte, 0, len(e)+len(e)/8)
	var cur, prev []byte
	n := 0
	for i := 0; i < len(e); {
		shared := int(e[i])
		end := bytes.IndexByte(e[i+1:], '\n')
		if end < 0 {
			return nil, fmt.Errorf("entry %d: no end of line", n)
		}
		if shared > len(prev) {
			return nil, fmt.Errorf("entry %d: shares %d bytes of a %d-byte word", n, shared, len(prev))
		}
		cur = append(cur[:0], prev[:shared]...)
		cur = append(cur, e[i+1:i+1+end]...)
		if n > 0 && string(cur) <= string(prev) {
			return nil, fmt.Errorf("entry %d: %q is not after %q", n, cur, prev)
		}
		if len(cur) == 0 {
			return nil, fmt.Errorf("entry %d: empty word", n)
		}
		if n%restartEvery == 0 {
			restarts = binary.LittleEndian.AppendUint32(restarts, uint32(len(out)))
			shared = 0
		}
		out = append(out, byte(shared))
		out = append(out, cur[shared:]...)
		out = append(out, '\n')
		prev, cur = cur, prev
		i += 1 + end + 1
		n++
	}
	if n != count {
		return nil, fmt.Errorf("%d entries, the header says %d", n, count)
	}
	d.entries = string(out)
	d.restarts, d.nRestart = string(restarts), len(restarts)/4
	d.index()
	return d, nil
}

// index fills byFirst from the restarts.
func (d *decoded) index() {
	k := 0
	for b := 0; b < 257; b++ {
		for k < d.nRestart && int(d.entries[d.restart(k)+1]) < b {
			k++
		}
		d.byFirst[b] = uint32(k)
	}
}

// marshal writes a decoded lexicon as shipped.
func (d *decoded) marshal() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %d %s %d %d %d\n", magic, readyVersion, d.id, d.count, d.nRestart, len(d.entries))
	for _, v := range d.byFirst {
		b.Write(binary.LittleEndian.AppendUint32(nil, v))
	}
	b.WriteString(d.restarts)
	b.WriteString(d.entries)
	return b.Bytes()
}

// load reads the shipped lexicon at the start of data without decoding or
// copying its entries, and returns what follows it. It checks the header
// and the sizes; the entries and the offsets (order, shared prefixes,
// restarts) are checked by verify, which the tests run on every shipped
// lexicon, and a lookup in broken data answers false rather than run off
// it.
func load(data string) (*decoded, string, error) {
	nl := strings.IndexByte(data, '\n')
	if nl < 0 {
		return nil, "", errors.New("no header line")
	}
	f := strings.Fields(data[:nl])
	if len(f) != 6 || f[0] != magic {
		return nil, "", fmt.Errorf("bad header %q", data[:nl])
	}
	if v, err := strconv.Atoi(f[1]); err != nil || v != readyVersion {
		return nil, "", fmt.Errorf("format version %s, want %d", f[1], readyVersion)
	}
	count, err := strconv.Atoi(f[3])
	if err != nil || count < 0 {
		return nil, "", fmt.Errorf("bad word count %q", f[3])
	}
	nr, err := strconv.Atoi(f[4])
	if err != nil || nr != (count+restartEvery-1)/restartEvery {
		return nil, "", fmt.Errorf("bad restart count %q for %d words", f[4], count)
	}
	size, err := strconv.Atoi(f[5])
	if err != nil || size < 0 || (count > 0) != (size > 0) {
		return nil, "", fmt.Errorf("bad size %q", f[5])
	}
	rest := data[nl+1:]
	if len(rest) < 4*257+4*nr+size {
		return nil, "", errors.New("truncated")
	}
	d := &decoded{id: f[2], count: count, nRestart: nr}
	for b := range d.byFirst {
		d.byFirst[b] = uint32(rest[4*b]) | uint32(rest[4*b+1])<<8 | uint32(rest[4*b+2])<<16 | uint32(rest[4*b+3])<<24
		if int(d.byFirst[b]) > nr || (b > 0 && d.byFirst[b] < d.byFirst[b-1]) {
			return nil, "", fmt.Errorf("bad first-byte index")
		}
	}
	rest = rest[4*257:]
	d.restarts, rest = rest[:4*nr], rest[4*nr:]
	d.entries, rest = rest[:size], rest[size:]
	if size > 0 && d.entries[size-1] != '\n' {
		return nil, "", errors.New("the last entry has no end of line")
	}
	return d, rest, nil
}

// verify checks every entry of a loaded lexicon: sorted, unique, each
// sharing no more than the word before holds, a restart every
// restartEvery entries and nowhere else, count entries.
func (d *decoded) verify() error {
	e := d.entries
	var cur, prev []byte
	n, r := 0, 0
	for i := 0; i < len(e); {
		shared := int(e[i])
		end := strings.IndexByte(e[i+1:], '\n')
		if end < 0 {
			return fmt.Errorf("entry %d: no end of line", n)
		}
		if n%restartEvery == 0 {
			if r >= d.nRestart || d.restart(r) != i || shared != 0 {
				return fmt.Errorf("entry %d: not the restart it should be", n)
			}
			r++
		}
		if shared > len(prev) {
			return fmt.Errorf("entry %d: shares %d bytes of a %d-byte word", n, shared, len(prev))
		}
		cur = append(append(cur[:0], prev[:shared]...), e[i+1:i+1+end]...)
		if len(cur) == 0 {
			return fmt.Errorf("entry %d: empty word", n)
		}
		if n > 0 && string(cur) <= string(prev) {
			return fmt.Errorf("entry %d: %q is not after %q", n, cur, prev)
		}
		prev, cur = cur, prev
		i += 1 + end + 1
		n++
	}
	if n != d.count || r != d.nRestart {
		return fmt.Errorf("%d entries and %d restarts, the header says %d and %d", n, r, d.count, d.nRestart)
	}
	want := *d
	want.index()
	if want.byFirst != d.byFirst {
		return errors.New("the first-byte index does not match the entries")
	}
	return nil
}

// has reports whether w is one of the entries.
func (d *decoded) has(w string) bool {
	if d.nRestart == 0 || w == "" {
		return false
	}
	// The last restart entry not after w: one whose word starts with w's
	// first byte, or the last one before them.
	lo, hi := int(d.byFirst[w[0]]), int(d.byFirst[int(w[0])+1])+1
	lo = max(lo-1, 0)
	hi = min(hi, d.nRestart)
	e := d.entries
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		off := d.restart(mid)
		if off+1 >= len(e) {
			return false // broken data: verify reports it
		}
		c := compareEntry(e, off+1, w)
		if c == 0 {
			return true
		}
		if c < 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	var buf [64]byte
	cur := buf[:0]
	i := d.restart(lo)
	for k := 0; k < restartEvery && i < len(e); k++ {
		shared := int(e[i])
		if shared > len(cur) || i+1 >= len(e) {
			return false // broken data: verify reports it
		}
		end := i + 1 + strings.IndexByte(e[i+1:], '\n')
		cur = append(cur[:shared], e[i+1:end]...)
		// Comparisons of a converted byte slice do not allocate.
		if string(cur) == w {
			return true
		}
		if string(cur) > w {
			return false
		}
		i = end + 1
	}
	return false
}

// compareEntry compares the word written at entries[off:] up to its '\n'
// with w, in one pass: -1, 0 or +1 as the entry sorts before, equal to or
// after w.
func compareEntry(entries string, off int, w string) int {
	for k := 0; ; k++ {
		c := entries[off+k]
		switch {
		case c == '\n':
			if k == len(w) {
				return 0
			}
			return -1
		case k == len(w):
			return +1
		case c < w[k]:
			return -1
		case c > w[k]:
			return +1
		}
	}
}

// words returns every entry in order (for tests and tools).
func (d *decoded) words() []string {
	out := make([]string, 0, d.count)
	var cur []byte
	e := d.entries
	for i := 0; i < len(e); {
		shared := int(e[i])
		end := i + 1 + strings.IndexByte(e[i+1:], '\n')
		cur = append(cur[:shared], e[i+1:end]...)
		out = append(out, string(cur))
		i = end + 1
	}
	return out
}
