package lexicon

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The payload of a lexicon (what the shipped file holds, gzipped) is a
// header line and then the words, sorted by bytes and front-coded: each
// entry is one byte giving how many leading bytes it shares with the entry
// before it, then the rest of the word, then '\n'. A French list of 346,000
// forms takes 1.4 MB this way, against 4 MB as plain lines, and 0.2 MB
// gzipped. On loading, the entries are re-coded with a restart every
// restartEvery entries (an entry that shares nothing), so that a lookup
// binary-searches the restart entries and then decodes at most
// restartEvery entries.
const (
	magic        = "mtaudit-lexicon"
	version      = 1
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
// pass.
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
	k := 0
	for b := 0; b < 257; b++ {
		for k < len(d.restarts) && int(d.entries[d.restarts[k]+1]) < b {
			k++
		}
		d.byFirst[b] = uint32(k)
	}
	return d, nil
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

// compress gzips a payload at the best compression.
func compress(payload []byte) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(payload)
	zw.Close()
	return b.Bytes()
}

// decompress gunzips a shipped lexicon file.
func decompress(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}
