package rules

import (
	"encoding/binary"
	"slices"
)

// docList is the set of articles (their indexes in the run) that use one
// spelling in name.batch, kept as the varint-coded differences between
// indexes added one after another. Articles are added in input order, so
// the differences are small: a byte where an index took four. A run of a
// hundred thousand articles holds over a million of them, and they were
// most of what the run's memory gained per article.
type docList struct {
	deltas []byte
	last   int32
	n      int32
}

// add puts article i in the list. The same article added twice in a row
// (one per window of a long article) is kept once; any order is kept
// exactly, and sorted when read back.
func (l *docList) add(i int32) {
	if l.n > 0 && i == l.last {
		return
	}
	l.deltas = binary.AppendVarint(l.deltas, int64(i)-int64(l.last))
	l.last = i
	l.n++
}

// appendSorted appends the list's articles to dst, each once, in
// increasing order, and returns it.
func (l *docList) appendSorted(dst []int32) []int32 {
	from := len(dst)
	sorted := true
	v := int64(0)
	for b := l.deltas; len(b) > 0; {
		d, k := binary.Varint(b)
		if k <= 0 {
			break // not written by add
		}
		b = b[k:]
		v += d
		if n := len(dst); n > from && int32(v) <= dst[n-1] {
			sorted = false
		}
		dst = append(dst, int32(v))
	}
	if !sorted {
		slices.Sort(dst[from:])
		dst = append(dst[:from], slices.Compact(dst[from:])...)
	}
	return dst
}

// sortedMinus returns the elements of a not in b (both sorted, each
// element once), written over a's own array.
func sortedMinus(a, b []int32) []int32 {
	out, j := a[:0], 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			continue
		}
		out = append(out, x)
	}
	return out
}

// countSortedMinus counts the elements of a not in b (both sorted, each
// element once).
func countSortedMinus(a, b []int32) int {
	n, j := 0, 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) || b[j] != x {
			n++
		}
	}
	return n
}
