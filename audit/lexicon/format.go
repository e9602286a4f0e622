package lexicon

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unsafe"
)

// The payload of a lexicon (what Build returns and the tests compare) is a
// header line and then the words, sorted by bytes and front-coded: each
// entry is one byte giving how many leading bytes it shares with the entry
// before it, then the rest of the word, then '\n'. A French list of 346,000
// forms takes 1.4 MB this way, against 4 MB as plain lines.
//
// The shipped file (data/<id>.lex, written by the generator) is the
// payload ready for lookups, so that loading it costs no decoding: the
// entries re-coded with a restart every restartEvery entries (an entry that
// shares nothing), after the offset of every restart entry. A lookup
// binary-searches the restart entries and then decodes at most
// restartEvery entries. Its header line is
// "mtaudit-lexicon 2 <id> <count> <restarts>", then the restarts' offsets
// into the entries (4 bytes each, little-endian), then the entries.
const (
	magic        = "mtaudit-lexicon"
	version      = 1 // the payload
	readyVersion = 2 // the shipped file
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
	id       string
	count    int
	entries  string
	restarts []uint32
	// byFirst[b] is the first restart whose word starts with a byte >= b:
	// a lookup binary-searches only the restarts of its first byte.
	byFirst [257]uint32
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
	d := &decoded{id: f[2], count: count, restarts: make([]uint32, 0, count/restartEvery+1)}
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
			d.restarts = append(d.restarts, uint32(len(out)))
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
	d.index()
	return d, nil
}

// index fills byFirst from the restarts.
func (d *decoded) index() {
	k := 0
	for b := 0; b < 257; b++ {
		for k < len(d.restarts) && int(d.entries[d.restarts[k]+1]) < b {
			k++
		}
		d.byFirst[b] = uint32(k)
	}
}

// marshal writes the shipped file of a decoded lexicon.
func (d *decoded) marshal() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %d %s %d %d\n", magic, readyVersion, d.id, d.count, len(d.restarts))
	var n [4]byte
	for _, r := range d.restarts {
		binary.LittleEndian.PutUint32(n[:], r)
		b.Write(n[:])
	}
	b.WriteString(d.entries)
	return b.Bytes()
}

// load reads a shipped file without decoding its entries: it checks the
// header and that every restart offset points at the start of an entry that
// shares nothing, so that no lookup can run off the data. The entries
// themselves (order, shared prefixes) are checked by verify, which the
// tests run on every shipped file. data must not change afterwards.
func load(data []byte) (*decoded, error) {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		return nil, errors.New("no header line")
	}
	f := strings.Fields(string(data[:nl]))
	if len(f) != 5 || f[0] != magic {
		return nil, fmt.Errorf("bad header %q", data[:nl])
	}
	if v, err := strconv.Atoi(f[1]); err != nil || v != readyVersion {
		return nil, fmt.Errorf("format version %s, want %d", f[1], readyVersion)
	}
	count, err := strconv.Atoi(f[3])
	if err != nil || count < 0 {
		return nil, fmt.Errorf("bad word count %q", f[3])
	}
	nr, err := strconv.Atoi(f[4])
	if err != nil || nr != (count+restartEvery-1)/restartEvery {
		return nil, fmt.Errorf("bad restart count %q for %d words", f[4], count)
	}
	rest := data[nl+1:]
	if len(rest) < 4*nr {
		return nil, errors.New("truncated restart index")
	}
	d := &decoded{id: f[2], count: count, restarts: make([]uint32, nr)}
	e := rest[4*nr:]
	if len(e) > 0 {
		d.entries = unsafe.String(&e[0], len(e))
	}
	if count > 0 && e[len(e)-1] != '\n' {
		return nil, errors.New("the last entry has no end of line")
	}
	for i := range d.restarts {
		r := binary.LittleEndian.Uint32(rest[4*i:])
		if (i == 0 && r != 0) || (i > 0 && r <= d.restarts[i-1]) || int(r)+2 >= len(e)+1 || e[r] != 0 || e[r+1] == '\n' || (r > 0 && e[r-1] != '\n') {
			return nil, fmt.Errorf("restart %d: bad offset %d", i, r)
		}
		d.restarts[i] = r
	}
	d.index()
	return d, nil
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
			if r >= len(d.restarts) || int(d.restarts[r]) != i || shared != 0 {
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
	if n != d.count || r != len(d.restarts) {
		return fmt.Errorf("%d entries and %d restarts, the header says %d and %d", n, r, d.count, len(d.restarts))
	}
	return nil
}

// has reports whether w is one of the entries.
func (d *decoded) has(w string) bool {
	if len(d.restarts) == 0 || w == "" {
		return false
	}
	// The last restart entry not after w: one whose word starts with w's
	// first byte, or the last one before them.
	lo, hi := int(d.byFirst[w[0]]), int(d.byFirst[int(w[0])+1])+1
	lo = max(lo-1, 0)
	hi = min(hi, len(d.restarts))
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		c := compareEntry(d.entries, int(d.restarts[mid])+1, w)
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
	e := d.entries
	i := int(d.restarts[lo])
	for k := 0; k < restartEvery && i < len(e); k++ {
		shared := int(e[i])
		if shared > len(cur) {
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
