package rules

// wordIntern numbers distinct strings (a document's words) in the order
// first seen: an open-addressing table sized once a document, with a
// cheap hash of a word's bytes. A built-in map costs a third more per
// look-up here, and the rules that number every word of every article
// (duplicate.paragraph, name.batch's summary) do one per word.
type wordIntern struct {
	// slots hold id+1 (0: empty) and the word's hash, 32 bits of it.
	slots []internSlot
	mask  uint32
	// words[id] is the word numbered id.
	words []string
}

type internSlot struct {
	hash uint32
	id   int32 // id+1
}

// reset empties the table and sizes it for about n words (it grows past
// them); a reused table keeps its slots.
func (t *wordIntern) reset(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(t.slots) >= size {
		// The size the last document grew to, unless far too large: a
		// table that grew once does not grow again for each document.
		if n := len(t.slots); n > size && n <= 8*size {
			size = n
		}
		t.slots = t.slots[:size]
		clear(t.slots)
	} else {
		t.slots = make([]internSlot, size)
	}
	t.mask = uint32(size - 1)
	clear(t.words) // no reference to the last document's text
	t.words = t.words[:0]
}

// id returns the number of w, and whether w is new (numbered len-1 now).
func (t *wordIntern) id(w string) (int32, bool) {
	if 2*(len(t.words)+1) > len(t.slots) {
		// Half full: grow first, so that a probe always ends.
		t.grow()
	}
	h := internHash(w)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		sl := &t.slots[i]
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
	if len(t.slots) == 0 {
		return 0, false
	}
	h := internHash(w)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		sl := &t.slots[i]
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

// grow doubles the slots, placing the words anew by their stored hashes.
func (t *wordIntern) grow() {
	old := t.slots
	t.slots = make([]internSlot, max(16, 2*len(old)))
	t.mask = uint32(len(t.slots) - 1)
	for _, sl := range old {
		if sl.id == 0 {
			continue
		}
		i := sl.hash & t.mask
		for t.slots[i].id != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = sl
	}
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
