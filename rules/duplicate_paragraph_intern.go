package rules

// wordIntern numbers distinct strings (a document's words) in the order
// first seen: open-addressing tables sized once a document. A built-in
// map costs a third more per look-up here, and the rules that number every
// word of every article (duplicate.paragraph, name.batch's summary, the
// name occurrences) do one per word. A word of eight bytes or fewer (most)
// is keyed by its bytes packed in a number, compared without reading the
// string; a longer one by a hash, compared as a string.
type wordIntern struct {
	short  []shortSlot
	smask  uint32
	nshort int
	// long slots hold id+1 (0: empty) and the word's hash, 32 bits of it.
	long  []internSlot
	lmask uint32
	// words[id] is the word numbered id.
	words []string
}

type internSlot struct {
	hash uint32
	id   int32 // id+1
}

// shortSlot is a word of eight bytes or fewer: its bytes (shortKey) and
// length, and its id+1 (0: empty).
type shortSlot struct {
	key uint64
	n   int32
	id  int32
}

// reset empties the table and sizes it for about n words (it grows past
// them); a reused table keeps its slots.
func (t *wordIntern) reset(n int) {
	t.short, t.smask = resetSlots(t.short, n)
	t.long, t.lmask = resetSlots(t.long, n/4)
	t.nshort = 0
	clear(t.words) // no reference to the last document's text
	t.words = t.words[:0]
}

// resetSlots returns slots emptied and sized for about n entries, and
// their mask.
func resetSlots[S any](slots []S, n int) ([]S, uint32) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(slots) >= size {
		// The size the last document grew to, unless far too large: a
		// table that grew once does not grow again for each document.
		if l := len(slots); l > size && l <= 8*size {
			size = l
		}
		slots = slots[:size]
		clear(slots)
	} else {
		slots = make([]S, size)
	}
	return slots, uint32(size - 1)
}

// id returns the number of w, and whether w is new (numbered len-1 now).
func (t *wordIntern) id(w string) (int32, bool) {
	if len(w) <= 8 {
		if 2*(t.nshort+1) > len(t.short) {
			// Half full: grow first, so that a probe always ends.
			t.growShort()
		}
		k, n := shortKey(w), int32(len(w))
		for i := shortHash(k, n) & t.smask; ; i = (i + 1) & t.smask {
			sl := &t.short[i]
			if sl.id == 0 {
				id := int32(len(t.words))
				t.words = append(t.words, w)
				sl.key, sl.n, sl.id = k, n, id+1
				t.nshort++
				return id, true
			}
			if sl.key == k && sl.n == n {
				return sl.id - 1, false
			}
		}
	}
	if 2*(len(t.words)-t.nshort+1) > len(t.long) {
		t.growLong()
	}
	h := internHash(w)
	for i := h & t.lmask; ; i = (i + 1) & t.lmask {
		sl := &t.long[i]
		if sl.id == 0 {
			id := int32(len(t.words))
			t.words = append(t.words, w)
			sl.hash, sl.id = h, id+1
			return id, true
		}
		if sl.hash == h && t.words[sl.id-1] == w {
			return sl.id - 1, false
		}
	}
}

// find returns the number of w, if w is in the table.
func (t *wordIntern) find(w string) (int32, bool) {
	if len(w) <= 8 {
		if len(t.short) == 0 {
			return 0, false
		}
		k, n := shortKey(w), int32(len(w))
		for i := shortHash(k, n) & t.smask; ; i = (i + 1) & t.smask {
			sl := &t.short[i]
			if sl.id == 0 {
				return 0, false
			}
			if sl.key == k && sl.n == n {
				return sl.id - 1, true
			}
		}
	}
	if len(t.long) == 0 {
		return 0, false
	}
	h := internHash(w)
	for i := h & t.lmask; ; i = (i + 1) & t.lmask {
		sl := &t.long[i]
		if sl.id == 0 {
			return 0, false
		}
		if sl.hash == h && t.words[sl.id-1] == w {
			return sl.id - 1, true
		}
	}
}

// drop forgets the words (references into a document's text) until the
// next reset.
func (t *wordIntern) drop() {
	clear(t.words)
	t.words = t.words[:0]
}

// growShort doubles the short slots, placing the words anew.
func (t *wordIntern) growShort() {
	old := t.short
	t.short = make([]shortSlot, max(16, 2*len(old)))
	t.smask = uint32(len(t.short) - 1)
	for _, sl := range old {
		if sl.id == 0 {
			continue
		}
		i := shortHash(sl.key, sl.n) & t.smask
		for t.short[i].id != 0 {
			i = (i + 1) & t.smask
		}
		t.short[i] = sl
	}
}

// growLong doubles the long slots, placing the words anew by their stored hashes.
func (t *wordIntern) growLong() {
	old := t.long
	t.long = make([]internSlot, max(16, 2*len(old)))
	t.lmask = uint32(len(t.long) - 1)
	for _, sl := range old {
		if sl.id == 0 {
			continue
		}
		i := sl.hash & t.lmask
		for t.long[i].id != 0 {
			i = (i + 1) & t.lmask
		}
		t.long[i] = sl
	}
}

// shortKey packs a word of one to eight bytes into a number, its bytes in
// order from the low one, the rest zero: with the length, it tells the
// word apart from any other, and it is the word's first eight bytes read
// at once and masked to its length (internWords).
func shortKey(s string) uint64 {
	switch n := len(s); {
	case n == 8:
		return le64(s)
	case n >= 4:
		// Two reads that overlap put the same bytes at the same places.
		return uint64(le32(s)) | uint64(le32(s[n-4:]))<<(8*(n-4))
	case n > 0:
		return uint64(s[0]) | uint64(s[n/2])<<(8*(n/2)) | uint64(s[n-1])<<(8*(n-1))
	}
	return 0
}

// shortHash mixes a short word's key and length into a slot number.
func shortHash(k uint64, n int32) uint32 {
	h := (k ^ uint64(n)<<56) * 0x9E3779B97F4A7C15
	return uint32(h >> 32)
}

// internHash hashes a word 8 bytes at a time (the last 8 overlapping the
// ones before; a short word in two overlapping 4-byte reads), then mixes
// the bits so that the low ones (the slot) depend on all of them.
func internHash(s string) uint32 {
	const m = 0x9E3779B97F4A7C15
	n := len(s)
	h := uint64(n) * m
	var v uint64
	switch {
	case n >= 8:
		for t := s; len(t) > 8; t = t[8:] {
			h = (h ^ le64(t)) * m
			h ^= h >> 32
		}
		v = le64(s[n-8:])
	case n >= 4:
		v = uint64(le32(s)) | uint64(le32(s[n-4:]))<<32
	case n > 0:
		v = uint64(s[0]) | uint64(s[n/2])<<8 | uint64(s[n-1])<<16
	}
	h = (h ^ v) * m
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	return uint32(h >> 32)
}

// le64 reads the first 8 bytes of s as a little-endian number (one load).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// le32 reads the first 4 bytes of s as a little-endian number.
func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// keyIndex maps 64-bit keys (the hashes of units' words) to unit numbers:
// open addressing in a table emptied once a document, cheaper than a
// map's hashing, growth and clearing for the few dozen keys of an article.
type keyIndex struct {
	slots []keySlot
	mask  uint32
	n     int
}

// keySlot is a key and its value+1 (0: empty).
type keySlot struct {
	key uint64
	v   int32
}

// reset empties the index and sizes it for about n keys.
func (t *keyIndex) reset(n int) {
	t.slots, t.mask = resetSlots(t.slots, n)
	t.n = 0
}

// slot returns the slot of key k, or the empty slot where it goes.
func (t *keyIndex) slot(k uint64) *keySlot {
	for i := uint32((k*0x9E3779B97F4A7C15)>>32) & t.mask; ; i = (i + 1) & t.mask {
		if sl := &t.slots[i]; sl.v == 0 || sl.key == k {
			return sl
		}
	}
}

// get returns the value of key k, if there is one.
func (t *keyIndex) get(k uint64) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	sl := t.slot(k)
	return sl.v - 1, sl.v != 0
}

// set gives key k the value v, replacing any it had.
func (t *keyIndex) set(k uint64, v int32) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	sl := t.slot(k)
	if sl.v == 0 {
		sl.key = k
		t.n++
	}
	sl.v = v + 1
}

// grow doubles the slots, placing the keys anew.
func (t *keyIndex) grow() {
	old := t.slots
	t.slots = make([]keySlot, max(16, 2*len(old)))
	t.mask = uint32(len(t.slots) - 1)
	for _, sl := range old {
		if sl.v != 0 {
			*t.slot(sl.key) = sl
		}
	}
}
