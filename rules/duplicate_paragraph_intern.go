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
// them); a table reused for a document of similar size keeps its slots.
func (t *wordIntern) reset(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(t.slots) >= size && cap(t.slots) <= 4*size {
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

// internHash hashes a word 8 bytes at a time, then mixes the bits so
// that the low ones (the slot) depend on all of them.
func internHash(s string) uint32 {
	const m = 0x9E3779B97F4A7C15
	h := uint64(len(s)) * m
	for len(s) >= 8 {
		v := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		h = (h ^ v) * m
		h ^= h >> 32
		s = s[8:]
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		v |= uint64(s[i]) << (8 * i)
	}
	h = (h ^ v) * m
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	return uint32(h >> 32)
}
