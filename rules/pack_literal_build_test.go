package rules

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
)

// buildPlain is literalIndex.buildMoves as it was first written, kept as
// the reference TestLiteralBuild holds the faster build to: the trie as a
// table from the start, failure moves filled in entry by entry, then
// renumbered breadth-first in place; it returns the table as rows, each
// move its target's number premultiplied by the stride with hasOut where
// a literal ends (plainColumns turns them into buildMoves's columns).
func (x *literalIndex) buildPlain() []int32 {
	x.class = [256]uint8{}
	stride := int32(1) // class 0: every byte no literal holds
	for id := range x.lits {
		if x.proxied(id) {
			continue
		}
		lit := x.held(id)
		for i := 0; i < len(lit); i++ {
			if c := lit[i]; x.class[c] == 0 {
				if stride == 256 {
					panic("literalIndex: more than 255 byte classes") // cannot happen: 256 bytes, one is class 0's
				}
				x.class[c] = uint8(stride)
				stride++
			}
		}
	}
	states := 1 // at most one state per literal byte, and the root
	for id := range x.lits {
		if !x.proxied(id) {
			states += len(x.held(id))
		}
	}
	// delta[s*stride+k] is the state after class k in state s (0: none
	// yet); class 0 always leads back to the root.
	delta := make([]int32, stride, int(stride)*states)
	out := make([][]int32, 1, states)
	n := int32(1)
	for id := range x.lits {
		if x.proxied(id) {
			continue
		}
		lit := x.held(id)
		s := int32(0)
		for i := 0; i < len(lit); i++ {
			k := int32(x.class[lit[i]])
			if delta[s*stride+k] == 0 {
				delta = append(delta, make([]int32, stride)...)
				out = append(out, nil)
				delta[s*stride+k] = n
				n++
			}
			s = delta[s*stride+k]
		}
		out[s] = append(out[s], int32(id))
	}
	fail := make([]int32, n)
	queue := make([]int32, 0, n)
	for k := int32(1); k < stride; k++ {
		if t := delta[k]; t != 0 {
			queue = append(queue, t)
		}
	}
	for head := 0; head < len(queue); head++ {
		s := queue[head]
		if f := fail[s]; len(out[f]) > 0 {
			out[s] = append(out[s], out[f]...)
		}
		for k := int32(1); k < stride; k++ {
			t := delta[s*stride+k]
			if t == 0 {
				delta[s*stride+k] = delta[fail[s]*stride+k]
				continue
			}
			fail[t] = delta[fail[s]*stride+k]
			queue = append(queue, t)
		}
	}
	// States renumbered in breadth-first order (queue holds every state
	// but the root in that order): the shallow states, where the scan
	// spends nearly all its time, then share a few rows at the head of
	// the table and stay in cache, instead of being strewn over a table
	// of megabytes in the order the literals were added. Then
	// premultiplied by the stride, with hasOut where a literal ends, so
	// that the scan needs only the table.
	// entry[s] is what a row holds for a move to state s: its new number,
	// premultiplied, with hasOut (one load per move in the loop below).
	entry := make([]int32, n)
	for j, s := range queue {
		entry[s] = int32(j+1) * stride
	}
	for s := range entry {
		if len(out[s]) > 0 {
			entry[s] |= hasOut
		}
	}
	// The table is renumbered in place (a copy would be megabytes more
	// for every language's first document): moves first, then the rows,
	// each cycle of the permutation followed once.
	next := delta[:n*stride]
	for i, t := range next {
		next[i] = entry[t]
	}
	outs := make([][]int32, n)
	moved := make([]bool, n)
	carry, spare := make([]int32, stride), make([]int32, stride)
	for s := int32(0); s < n; s++ {
		outs[(entry[s]&^hasOut)/stride] = out[s]
		if moved[s] {
			continue
		}
		copy(carry, next[s*stride:(s+1)*stride])
		for cur := s; ; {
			to := (entry[cur] &^ hasOut) / stride
			row := next[to*stride : (to+1)*stride]
			copy(spare, row)
			copy(row, carry)
			moved[to] = true
			carry, spare = spare, carry
			if cur = to; to == s {
				break
			}
		}
	}
	x.stride, x.out = stride, outs
	x.maxLen = 0
	x.scanned = false
	for id := range x.lits {
		if !x.proxied(id) {
			x.maxLen = max(x.maxLen, len(x.held(id)))
			x.scanned = true
		}
	}
	return next
}

// hasOut marks, in buildPlain's rows, states where a literal ends.
const hasOut = int32(-1 << 31)

// plainColumns turns buildPlain's rows into buildMoves's table: a column
// per class, each move its target's number with moveOut where a literal
// ends, and each byte's column.
func plainColumns(next []int32, stride int32, class *[256]uint8) ([]uint16, [256]int32) {
	n := len(next) / int(stride)
	move := make([]uint16, len(next))
	for s := 0; s < n; s++ {
		for k, e := range next[s*int(stride) : (s+1)*int(stride)] {
			m := uint16((e &^ hasOut) / stride)
			if e < 0 {
				m |= moveOut
			}
			move[k*n+s] = m
		}
	}
	var column [256]int32
	for c, k := range class {
		column[c] = int32(k) * int32(n)
	}
	return move, column
}

// TestLiteralBuild checks the automaton build against buildPlain: the
// same table, outputs and classes, for the two literal indexes of every
// language of the built-in packs (their cased literals proxied as
// loading leaves them) and for random sets of literals over a few bytes
// (shared prefixes and suffixes, repeats, an empty literal).
func TestLiteralBuild(t *testing.T) {
	packs := builtinLangPacks(t, false)
	for lang, lp := range packs {
		lp.ready()
		for i, x := range lp.literals {
			compareLiteralBuilds(t, fmt.Sprintf("%s index %d", lang, i), x)
		}
	}
	if len(packs) < 2 {
		t.Fatalf("%d languages in the packs", len(packs))
	}
	rng := rand.New(rand.NewSource(5))
	for n := 0; n < 500; n++ {
		x := newLiteralIndex()
		for k := rng.Intn(30); k >= 0; k-- {
			b := make([]byte, rng.Intn(6))
			for i := range b {
				b[i] = "abcab '"[rng.Intn(7)]
			}
			if rng.Intn(3) == 0 {
				x.addStart(string(b))
			} else {
				x.add(string(b))
			}
		}
		compareLiteralBuilds(t, fmt.Sprintf("%q", x.lits), x)
	}
}

func compareLiteralBuilds(t *testing.T, name string, x *literalIndex) {
	t.Helper()
	// Copies of what build reads (the literals, their proxies).
	fast := &literalIndex{lits: x.lits, starts: x.starts, proxy: x.proxy}
	plain := &literalIndex{lits: x.lits, starts: x.starts, proxy: x.proxy}
	fast.cutLiterals(literalCut, maxMoveStates)
	plain.cutLiterals(literalCut, maxMoveStates)
	fast.buildMoves()
	plainNext := plain.buildPlain()
	plainMove, plainColumn := plainColumns(plainNext, plain.stride, &plain.class)
	if fast.class != plain.class || fast.stride != plain.stride || fast.maxLen != plain.maxLen || fast.scanned != plain.scanned {
		t.Fatalf("%s: classes, stride %d, longest %d, scanned %v; want %d %d %v", name, fast.stride, fast.maxLen, fast.scanned, plain.stride, plain.maxLen, plain.scanned)
	}
	if !slices.Equal(fast.move, plainMove) || fast.column != plainColumn {
		t.Fatalf("%s: tables differ (%d and %d entries)", name, len(fast.move), len(plainMove))
	}
	if len(fast.out) != len(plain.out) {
		t.Fatalf("%s: %d states with outputs, want %d", name, len(fast.out), len(plain.out))
	}
	for s := range fast.out {
		if !slices.Equal(fast.out[s], plain.out[s]) {
			t.Fatalf("%s: state %d ends %v, want %v", name, s, fast.out[s], plain.out[s])
		}
	}
}
