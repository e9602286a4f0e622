package rules

import (
	"strings"
	"sync"

	"github.com/mtaudit/mtaudit/audit"
)

// literalIndex finds, in one pass over a view, every line that holds one of
// the literals the regex rules of a pack require (an Aho–Corasick automaton
// over bytes). Without it each pattern would scan the whole text for its
// own literals: dozens of passes per document.
type literalIndex struct {
	lits []string
	ids  map[string]int
	// starts marks the literals whose every occurrence is wanted, not only
	// their lines: the prefixes patterns run anchored at.
	starts []bool
	// The automaton as a DFA over byte classes: every byte no literal holds
	// is class 0, so that the table has one column per byte the literals
	// use (stride of them). move[column[c]+s] is the state after byte c in
	// state s, with moveOut where a literal ends: two bytes an entry, and
	// no multiply on the scan's chain of loads. The table is read cold on
	// every document (the rules between two scans evict it): its size is
	// the scan's cost, and a row of four-byte entries per state, as it
	// was, made it four times larger.
	class  [256]uint8
	stride int32
	column [256]int32
	move   []uint16
	out    [][]int32 // literal ids ending at each state (by state number)
	maxLen int       // the longest literal the automaton holds (cut)
	// cut is, per literal id, the length of its head the automaton holds
	// (cutLiterals): the whole literal but for long ones, whose tails
	// would take most of the states and are checked in the text where
	// the head is found. cutLines counts the line ends in what the text
	// holds after the head's last byte up to the literal's last byte.
	cut, cutLines []int32
	// scanned says the automaton holds a literal: one with every literal
	// proxied (via) has nothing to scan the text for.
	scanned bool
	once    sync.Once // builds the automaton on first use
	// hitsPool holds the literalHits of released documents.
	hitsPool sync.Pool
	// via, when set (the cased index of a language, proxyVia), is the
	// folded index of the same language, and proxy[id] the id there of
	// literal id in lower case (-1: none). Such a literal is left out of
	// this automaton: the folded scan finds where it may stand and
	// scanVia checks the cased text there, so that the cased view is not
	// scanned at all when every literal has a proxy (the French packs).
	via   *literalIndex
	proxy []int32
}

func newLiteralIndex() *literalIndex { return &literalIndex{ids: map[string]int{}} }

// add registers a literal and returns its id.
func (x *literalIndex) add(lit string) int {
	if id, ok := x.ids[lit]; ok {
		return id
	}
	id := len(x.lits)
	x.lits = append(x.lits, lit)
	x.starts = append(x.starts, false)
	x.ids[lit] = id
	return id
}

// addStart registers a literal whose occurrences the scan records, and
// returns its id.
func (x *literalIndex) addStart(lit string) int {
	id := x.add(lit)
	x.starts[id] = true
	return id
}

// build compiles the automaton; add may not be called afterwards.
func (x *literalIndex) build() {
	x.cutLiterals(literalCut, maxMoveStates)
	x.buildMoves()
}

// literalCut is how much of a literal the automaton holds: longer ones are
// cut (cutLiterals). The French packs' literals run to 47 bytes, and their
// tails past 12 held more than half of the 12,000 states.
const literalCut = 12

// maxMoveStates bounds the states of the automaton: a state number and
// moveOut fit in a move.
const maxMoveStates = 1 << 15

// cutLiterals sets cut and cutLines: every literal cut to n bytes, or to
// fewer when the automaton could otherwise have more than limit states
// (one byte at least: the heads then make 257 states at most).
func (x *literalIndex) cutLiterals(n, limit int) {
	for ; n > 1; n-- {
		states := 1
		for id, lit := range x.lits {
			if !x.proxied(id) {
				states += min(len(lit), n)
			}
		}
		if states <= limit {
			break
		}
	}
	x.cut, x.cutLines = make([]int32, len(x.lits)), make([]int32, len(x.lits))
	for id, lit := range x.lits {
		k := min(len(lit), n)
		x.cut[id] = int32(k)
		if k < len(lit) {
			x.cutLines[id] = int32(strings.Count(lit[k-1:len(lit)-1], "\n"))
		}
	}
}

// held returns the head of literal id the automaton holds.
func (x *literalIndex) held(id int) string { return x.lits[id][:x.cut[id]] }

// buildMoves builds the automaton of the literals' heads (cutLiterals):
// it sets class, stride, column, move, out, maxLen and scanned. The trie
// is built as lists of children, then the table breadth-first, state by
// state over byte classes (one entry per byte the literals use, not 256):
// a state's moves are its failure state's (already complete: that state
// is shallower) with the state's own children written over them. The
// first document in a language waits for this: a copy per state, rather
// than a look at every entry of every state, is most of what it saves.
func (x *literalIndex) buildMoves() {
	x.class = [256]uint8{}
	stride := int32(1) // class 0: every byte no literal holds
	states := 1        // at most one state per literal byte, and the root
	for id := range x.lits {
		if x.proxied(id) {
			continue
		}
		lit := x.held(id)
		states += len(lit)
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
	// The trie: each state's children in a list, by ascending class (the
	// order breadth-first numbering takes them in), and the literals
	// ending at it.
	nodes := make([]trieNode, 1, states)
	own := make([][]int32, 1, states)
	for id := range x.lits {
		if x.proxied(id) {
			continue
		}
		lit := x.held(id)
		s := int32(0)
		for i := 0; i < len(lit); i++ {
			k := x.class[lit[i]]
			prev, c := int32(-1), nodes[s].child
			for c != 0 && nodes[c].class < k {
				prev, c = c, nodes[c].sibling
			}
			if c == 0 || nodes[c].class != k {
				t := int32(len(nodes))
				nodes = append(nodes, trieNode{sibling: c, class: k})
				own = append(own, nil)
				if prev < 0 {
					nodes[s].child = t
				} else {
					nodes[prev].sibling = t
				}
				c = t
			}
			s = c
		}
		own[s] = append(own[s], int32(id))
	}
	// States are numbered breadth-first: the shallow states, where the
	// scan spends nearly all its time, then share the head of every
	// column and stay in cache. A move is stored as its target's number,
	// with moveOut where a literal ends, so that the scan needs only the
	// table. order lists the trie states by number; outs holds, by
	// number, the literals ending there (the state's own, then its
	// failure state's).
	n := len(nodes)
	move := make([]uint16, n*int(stride))
	outs := make([][]int32, 1, n)
	order := make([]int32, 1, n)
	fail := make([]int32, 1, n) // by number, the failure state's number
	outs[0] = own[0]
	rootMove := uint16(0)
	if len(own[0]) > 0 {
		rootMove = moveOut // an empty literal ends everywhere
	}
	for head := 0; head < len(order); head++ {
		s := order[head]
		f := int(fail[head])
		if head == 0 {
			for i := 0; i < len(move); i += n {
				move[i] = rootMove
			}
		} else {
			for i, j := head, f; i < len(move); i, j = i+n, j+n {
				move[i] = move[j]
			}
		}
		for c := nodes[s].child; c != 0; c = nodes[c].sibling {
			k := int(nodes[c].class)
			j := len(order)
			cf := int32(0)
			if head != 0 {
				cf = int32(move[k*n+f] &^ moveOut)
			}
			order = append(order, c)
			fail = append(fail, cf)
			out := own[c]
			if len(outs[cf]) > 0 {
				out = append(out, outs[cf]...)
			}
			outs = append(outs, out)
			move[k*n+head] = uint16(j)
			if len(out) > 0 {
				move[k*n+head] |= moveOut
			}
		}
	}
	x.stride, x.out, x.move = stride, outs, move
	for c, k := range x.class {
		x.column[c] = int32(k) * int32(n)
	}
	x.maxLen = 0
	x.scanned = false
	for id := range x.lits {
		if !x.proxied(id) {
			x.maxLen = max(x.maxLen, len(x.held(id)))
			x.scanned = true
		}
	}
}

// trieNode is a state of literalIndex.build's trie: its first child, its
// next sibling (0: none) and the byte class leading to it.
type trieNode struct {
	child, sibling int32
	class          uint8
}

// proxied reports whether literal id is found through the folded index.
func (x *literalIndex) proxied(id int) bool { return id < len(x.proxy) && x.proxy[id] >= 0 }

// proxyVia gives every ASCII literal of the cased index x a proxy in the
// folded index f of the same language: the literal in lower case, whose
// every occurrence f's scan records. Where a cased view holds an ASCII
// byte, the folded view holds that byte in lower case, at the same offset
// (the two views are built together, byte for byte: a capital is lowered,
// É is E and e, Œ is OE and oe, anything else is the same in both), so an
// ASCII literal of the cased view stands only where its lower case stands
// in the folded one. Called before either automaton is built.
func (x *literalIndex) proxyVia(f *literalIndex) {
	x.via = f
	x.proxy = make([]int32, len(x.lits))
	for id, lit := range x.lits {
		x.proxy[id] = -1
		if lit != "" && isASCII(lit) {
			x.proxy[id] = int32(f.addStart(strings.ToLower(lit)))
		}
	}
}

// literalHits are the lines of a view that hold each literal.
type literalHits struct {
	lineStarts []int   // start of every line of the view, and len+1 at the end
	lines      [][]int // per literal id: line numbers, ascending, no repeats
	// starts, per literal id registered with addStart: the offsets where
	// it begins, ascending.
	starts [][]int
	hits   []literalHit
	more   [3][]literalHit // the hits of scan's chains after the first (scratch)
	// found lists the literal ids with a line, for release: a document
	// holds few of the hundreds of literals, and clearing them all cost
	// more than the scan's bookkeeping.
	found []int32
}

// literalHit is where the automaton found literals: the offset and state.
type literalHit struct{ at, state int }

// moveOut marks, in the table (move), states where a literal ends.
const moveOut = 1 << 15

// hitsFor returns empty hits for a document (from the pool when it can),
// the automaton built.
func (x *literalIndex) hitsFor() *literalHits {
	x.once.Do(x.build)
	h, _ := x.hitsPool.Get().(*literalHits)
	if h == nil {
		h = &literalHits{lines: make([][]int, len(x.lits)), starts: make([][]int, len(x.lits))}
	}
	return h
}

// scan runs the automaton over t.
func (x *literalIndex) scan(t string) *literalHits {
	h := x.hitsFor()
	// The scan is a chain of dependent loads, one per byte, so it runs four
	// chains at once, over the four quarters of t. The automaton's state at
	// an offset is the longest suffix of the text read that prefixes a
	// literal's head, never longer than the longest head: a chain started
	// from the root that many bytes before its quarter is in the true
	// state there. Each records its hits apart; appended in turn, they
	// stay in order.
	move, column := x.move, &x.column
	hits := h.hits[:0]
	q := len(t) / 4
	if !x.scanned {
		// Every literal is found through the folded index (scanVia).
	} else if q < 4*x.maxLen {
		s := int32(0)
		for i := 0; i < len(t); i++ {
			// The flag is cleared only where set (rarely), off the chain
			// of loads that bounds the scan's speed.
			if i, s = scanChain(move, column, t, i, s); i == len(t) {
				break
			}
			s &^= moveOut
			hits = append(hits, literalHit{i, int(s)})
		}
	} else {
		// The three later chains' start states, found together: three
		// independent chains of loads rather than one after the other.
		var st [4]int32
		w1, w2, w3 := t[q-x.maxLen:q], t[2*q-x.maxLen:2*q], t[3*q-x.maxLen:3*q]
		for i := 0; i < x.maxLen; i++ {
			st[1] = int32(move[column[w1[i]]+st[1]]) &^ moveOut
			st[2] = int32(move[column[w2[i]]+st[2]]) &^ moveOut
			st[3] = int32(move[column[w3[i]]+st[3]]) &^ moveOut
		}
		var more [3][]literalHit
		for c := range more {
			more[c] = h.more[c][:0]
		}
		t0, t1, t2, t3 := t[:q], t[q:2*q], t[2*q:3*q], t[3*q:3*q+q]
		s0, s1, s2, s3 := st[0], st[1], st[2], st[3]
		for i := 0; i < q; i++ {
			i, s0, s1, s2, s3 = scanChains(move, column, t0, t1, t2, t3, i, s0, s1, s2, s3)
			if i == q {
				break
			}
			// A literal ends in one of the chains at i.
			if s0&moveOut != 0 {
				s0 &^= moveOut
				hits = append(hits, literalHit{i, int(s0)})
			}
			if s1&moveOut != 0 {
				s1 &^= moveOut
				more[0] = append(more[0], literalHit{q + i, int(s1)})
			}
			if s2&moveOut != 0 {
				s2 &^= moveOut
				more[1] = append(more[1], literalHit{2*q + i, int(s2)})
			}
			if s3&moveOut != 0 {
				s3 &^= moveOut
				more[2] = append(more[2], literalHit{3*q + i, int(s3)})
			}
		}
		for i := 4 * q; i < len(t); i++ { // the last quarter's odd bytes
			s3 = int32(move[column[t[i]]+s3])
			if s3&moveOut != 0 {
				s3 &^= moveOut
				more[2] = append(more[2], literalHit{i, int(s3)})
			}
		}
		for c := range more {
			hits = append(hits, more[c]...)
			h.more[c] = more[c]
		}
	}
	h.hits = hits
	h.lineStarts = append(h.lineStarts[:0], 0)
	for i := 0; ; {
		k := strings.IndexByte(t[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		h.lineStarts = append(h.lineStarts, i)
	}
	h.lineStarts = append(h.lineStarts, len(t)+1)
	line := 0
	for _, ht := range hits {
		for h.lineStarts[line+1] <= ht.at {
			line++
		}
		for _, id := range x.out[ht.state] {
			// The literal starts where its head does; a cut one (cut)
			// is there when the text holds its tail after the head.
			lit, start, at := x.lits[id], ht.at+1-int(x.cut[id]), line
			if len(lit) > int(x.cut[id]) {
				if start+len(lit) > len(t) || t[start:start+len(lit)] != lit {
					continue
				}
				at += int(x.cutLines[id])
			}
			if l := h.lines[id]; len(l) == 0 || l[len(l)-1] != at {
				if len(l) == 0 {
					h.found = append(h.found, id)
				}
				h.lines[id] = append(l, at)
			}
			if x.starts[id] {
				h.starts[id] = append(h.starts[id], start)
			}
		}
	}
	return h
}

// scanChain runs the automaton over t from offset i and state s up to
// the first offset where a literal ends (a state with moveOut) or to the
// end, and returns that offset and the state there (as scanChains).
func scanChain(move []uint16, column *[256]int32, t string, i int, s int32) (int, int32) {
	for ; i < len(t); i++ {
		if s = int32(move[column[t[i]]+s]); s&moveOut != 0 {
			return i, s
		}
	}
	return i, s
}

// scanChains runs scan's four chains over t0–t3 (of one length) from
// offset i and states s0–s3, up to the first offset where a literal ends
// in one of them (a state with moveOut) or to the end, and returns that
// offset and the states there. Hits are rare: the loop is kept apart
// from their bookkeeping, so that its states, texts and table stay in
// registers; within scan it was slower by half.
func scanChains(move []uint16, column *[256]int32, t0, t1, t2, t3 string, i int, s0, s1, s2, s3 int32) (int, int32, int32, int32, int32) {
	t1, t2, t3 = t1[:len(t0)], t2[:len(t0)], t3[:len(t0)]
	for ; i < len(t0); i++ {
		s0 = int32(move[column[t0[i]]+s0])
		s1 = int32(move[column[t1[i]]+s1])
		s2 = int32(move[column[t2[i]]+s2])
		s3 = int32(move[column[t3[i]]+s3])
		if (s0|s1|s2|s3)&moveOut != 0 {
			return i, s0, s1, s2, s3
		}
	}
	return i, s0, s1, s2, s3
}

// scanVia is scan for an index with proxies (proxyVia): the literals
// left in its automaton are scanned for in t, and every other is looked
// for in t where its proxy begins in the folded view (f, the folded
// index's hits on the same document).
func (x *literalIndex) scanVia(t string, f *literalHits) *literalHits {
	var h *literalHits
	if x.scanned {
		h = x.scan(t)
	} else {
		// Nothing to scan for: the lines are the folded view's, which has
		// its line ends where t has.
		h = x.hitsFor()
		h.lineStarts = append(h.lineStarts[:0], f.lineStarts...)
	}
	for id, pid := range x.proxy {
		if pid < 0 {
			continue
		}
		lit := x.lits[id]
		line := 0
		for _, at := range f.starts[pid] {
			if t[at:at+len(lit)] != lit {
				continue
			}
			for h.lineStarts[line+1] <= at+len(lit)-1 {
				line++
			}
			if l := h.lines[id]; len(l) == 0 || l[len(l)-1] != line {
				if len(l) == 0 {
					h.found = append(h.found, int32(id))
				}
				h.lines[id] = append(l, line)
			}
			if x.starts[id] {
				h.starts[id] = append(h.starts[id], at)
			}
		}
	}
	return h
}

// bounds returns the start and end of line n (the end excludes the "\n").
func (h *literalHits) bounds(n int) (int, int) {
	return h.lineStarts[n], h.lineStarts[n+1] - 1
}

// literalHitsAnalysis is the per-document search of one view with x: every
// regex rule of a language reads the lines its literals occur on from it.
// folded, for the cased search, is the folded one, which finds the
// literals x has proxies for (proxyVia).
func literalHitsAnalysis(name string, x *literalIndex, cased bool, folded *audit.Analysis[*literalHits]) *audit.Analysis[*literalHits] {
	return &audit.Analysis[*literalHits]{Name: name, Run: func(p *audit.Pass) *literalHits {
		t := audit.ResultOf(p, packViews).view(cased).text
		if x.once.Do(x.build); x.via != nil {
			return x.scanVia(t, audit.ResultOf(p, folded))
		}
		return x.scan(t)
	}, Release: x.release}
}

// release keeps h's slices (emptied) for the next document's scan.
func (x *literalIndex) release(h *literalHits) {
	for _, id := range h.found { // every literal with a start has a line
		h.lines[id] = h.lines[id][:0]
		h.starts[id] = h.starts[id][:0]
	}
	h.found = h.found[:0]
	h.hits, h.lineStarts = h.hits[:0], h.lineStarts[:0]
	for c := range h.more {
		h.more[c] = h.more[c][:0]
	}
	x.hitsPool.Put(h)
}

// litScore rates a prefilter set: longer literals and fewer of them filter
// better; a set with a common word of the language in it barely filters at
// all.
func litScore(lits []string, common map[string]bool) int {
	if len(lits) == 0 {
		return 0
	}
	m := len(lits[0])
	for _, l := range lits {
		m = min(m, len(l))
		if common[strings.Trim(l, " '")] {
			return 1
		}
	}
	return 2*m - (len(lits) - 1)
}
