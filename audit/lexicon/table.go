package lexicon

import "math/bits"

// Table is a read-only map from words to values, built once from a Go map,
// for the hot lookups of short words (function words) the rules make on
// every word of every article. It answers what the map would, faster: a
// cheap hash of the word's first and last bytes, an open-addressed array
// of 32-bit slots at most a quarter full (a few kilobytes, which stay in
// cache), each slot with bits of its word's hash, so that a miss mostly
// reads one slot and compares no word; and no string to build for a word
// held in a byte buffer (GetBytes). It is safe for concurrent use.
type Table[V any] struct {
	// slots hold tableTag bits of the hash above the entry's index + 1;
	// 0 is an empty slot.
	slots   []uint32
	shift   uint // 64 - log2(len(slots))
	entries []tableEntry[V]
	// filter has the bit of every word's last byte (mod 32) at its length
	// and first byte (mod 32): a word whose bit is clear is in no slot,
	// and most words of a text are rejected without being hashed.
	filter [32][32]uint32
	empty  bool // the table holds ""
	// big is the map itself when it has too many words for the slots'
	// index bits (a profile's lists never come near): slower, still right.
	big map[string]V
}

type tableEntry[V any] struct {
	key string
	val V
}

const (
	tableIndexBits = 20 // a table holds fewer than 1<<20 words
	tableIndexMask = 1<<tableIndexBits - 1
)

// NewTable builds the table of m. Past a million words, a table is m.
func NewTable[V any](m map[string]V) *Table[V] {
	if len(m) >= tableIndexMask {
		return &Table[V]{big: m}
	}
	size := 8
	for size < 4*len(m) {
		size *= 2
	}
	t := &Table[V]{slots: make([]uint32, size), shift: uint(64 - bits.TrailingZeros(uint(size))), entries: make([]tableEntry[V], 0, len(m))}
	for k, v := range m {
		h := tableHash(k)
		i := t.index(h)
		for t.slots[i] != 0 {
			i = (i + 1) & (len(t.slots) - 1)
		}
		t.entries = append(t.entries, tableEntry[V]{k, v})
		t.slots[i] = tableTag(h) | uint32(len(t.entries))
		if k == "" {
			t.empty = true
		} else {
			t.filter[len(k)&31][k[0]&31] |= 1 << (k[len(k)-1] & 31)
		}
	}
	return t
}

// MayHave reports whether the table may hold word: false is sure, true
// asks Get. It reads the word's length and its first and last bytes
// modulo 32, so that it answers alike for a word and the same word with
// other ASCII letter case (a caller may ask before lower-casing).
func (t *Table[V]) MayHave(word string) bool {
	if t == nil {
		return false
	}
	if t.big != nil {
		return true
	}
	if n := len(word); n > 0 {
		return t.mayHave(n, word[0], word[n-1])
	}
	return t.empty
}

// mayHave reports whether the filter lets a word of n bytes, first and
// last through.
func (t *Table[V]) mayHave(n int, first, last byte) bool {
	return t.filter[n&31][first&31]&(1<<(last&31)) != 0
}

// Len is the number of words in the table.
func (t *Table[V]) Len() int {
	if t == nil {
		return 0
	}
	if t.big != nil {
		return len(t.big)
	}
	return len(t.entries)
}

func (t *Table[V]) index(h uint64) int { return int(h >> t.shift) }

// tableTag is the slot's bits of a hash: bits below the index's (the
// index is the high ones, a table has fewer than 1<<30 slots).
func tableTag(h uint64) uint32 { return uint32(h>>20) &^ tableIndexMask }

// Get returns the value of key and whether the table holds it.
func (t *Table[V]) Get(key string) (V, bool) { return tableGet(t, key) }

// GetBytes is Get of a word held in a byte buffer.
func (t *Table[V]) GetBytes(key []byte) (V, bool) { return tableGet(t, key) }

func tableGet[V any, S string | []byte](t *Table[V], key S) (V, bool) {
	if t != nil && t.big != nil {
		v, ok := t.big[string(key)]
		return v, ok
	}
	if t != nil {
		if n := len(key); n > 0 && t.mayHave(n, key[0], key[n-1]) || n == 0 && t.empty {
			h := tableHash(key)
			tag, mask := tableTag(h), len(t.slots)-1
			for i := t.index(h); t.slots[i] != 0; i = (i + 1) & mask {
				if s := t.slots[i]; s&^tableIndexMask == tag {
					if e := &t.entries[s&tableIndexMask-1]; e.key == string(key) { // (no allocation)
						return e.val, true
					}
				}
			}
		}
	}
	var zero V
	return zero, false
}

// tableHash mixes a word's length with its first and last (up to) four
// bytes, which tell short words apart; one multiply spreads them over the
// high bits the table indexes and tags by. A word in a byte buffer hashes
// as its string does.
func tableHash[S string | []byte](s S) uint64 {
	n := len(s)
	var a, b uint64
	switch {
	case n >= 4:
		a = uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
		b = uint64(s[n-4]) | uint64(s[n-3])<<8 | uint64(s[n-2])<<16 | uint64(s[n-1])<<24
	case n > 0:
		a = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	}
	return tableMix(a, b, n)
}

func tableMix(a, b uint64, n int) uint64 {
	h := (a<<32 | b ^ a>>16) ^ uint64(n)*0x9E3779B97F4A7C15
	return h * 0xD6E8FEB86659FD93
}
