package lexicon

import "math/bits"

// Table is a read-only map from words to values, built once from a Go map,
// for the hot lookups of short words (function words) the rules make on
// every word of every article. It answers what the map would, faster: a
// cheap hash of the word's first and last bytes, an open-addressed array
// at most a quarter full (a miss mostly stops at the first slot), and no
// string to build for a word held in a byte buffer (GetBytes). It is safe
// for concurrent use.
type Table[V any] struct {
	slots []tableSlot[V]
	shift uint // 64 - log2(len(slots))
	n     int
}

type tableSlot[V any] struct {
	key  string
	val  V
	used bool
}

// NewTable builds the table of m.
func NewTable[V any](m map[string]V) *Table[V] {
	size := 8
	for size < 4*len(m) {
		size *= 2
	}
	t := &Table[V]{slots: make([]tableSlot[V], size), shift: uint(64 - bits.TrailingZeros(uint(size))), n: len(m)}
	for k, v := range m {
		i := t.index(tableHash(k))
		for t.slots[i].used {
			i = (i + 1) & (len(t.slots) - 1)
		}
		t.slots[i] = tableSlot[V]{key: k, val: v, used: true}
	}
	return t
}

// Len is the number of words in the table.
func (t *Table[V]) Len() int {
	if t == nil {
		return 0
	}
	return t.n
}

func (t *Table[V]) index(h uint64) int { return int(h >> t.shift) }

// Get returns the value of key and whether the table holds it.
func (t *Table[V]) Get(key string) (V, bool) {
	if t != nil && len(t.slots) > 0 {
		mask := len(t.slots) - 1
		for i := t.index(tableHash(key)); t.slots[i].used; i = (i + 1) & mask {
			if s := &t.slots[i]; s.key == key {
				return s.val, true
			}
		}
	}
	var zero V
	return zero, false
}

// GetBytes is Get of a word held in a byte buffer.
func (t *Table[V]) GetBytes(key []byte) (V, bool) {
	if t != nil && len(t.slots) > 0 {
		mask := len(t.slots) - 1
		for i := t.index(tableHash(key)); t.slots[i].used; i = (i + 1) & mask {
			if s := &t.slots[i]; s.key == string(key) { // (no allocation)
				return s.val, true
			}
		}
	}
	var zero V
	return zero, false
}

// tableHash mixes a word's length with its first and last (up to) four
// bytes, which tell short words apart; the multiply-xorshift spreads them
// over the high bits the table indexes by.
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
	h := (a<<32 | b) ^ uint64(n)*0x9E3779B97F4A7C15
	h ^= h >> 32
	h *= 0xD6E8FEB86659FD93
	h ^= h >> 29
	return h
}
