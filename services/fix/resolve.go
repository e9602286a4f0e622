package fix

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mtaudit/mtaudit/audit"
)

// Resolve picks the repairs that apply together. Repairs are taken in order
// of position (the start of their first edit; at one start the wider first,
// then by rule id, message and finding), and one whose edits conflict with a
// repair already taken is skipped, naming the winner. So the first by
// position wins, and the same input always gives the same choice. An edit
// identical to one already taken is no conflict: it is the same change,
// made once.
func Resolve(repairs []Repair) (applied []Repair, skipped []Skip) {
	order := make([]int, len(repairs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return before(repairs[order[i]], repairs[order[j]]) })

	var taken []audit.Edit
	owner := map[int]int{} // index in taken → index in applied
	for _, k := range order {
		r := repairs[k]
		conflict := -1
		for _, e := range r.Edits {
			for t, a := range taken {
				if e != a && Conflict(e, a) {
					conflict = owner[t]
					break
				}
			}
			if conflict >= 0 {
				break
			}
		}
		if conflict >= 0 {
			winner := applied[conflict]
			skipped = append(skipped, Skip{Repair: r, Reason: "conflicts with an earlier repair", By: &winner})
			continue
		}
		for _, e := range r.Edits {
			owner[len(taken)] = len(applied)
			taken = append(taken, e)
		}
		applied = append(applied, r)
	}
	return applied, skipped
}

// before orders repairs for Resolve.
func before(a, b Repair) bool {
	sa, sb := a.Span(), b.Span()
	switch {
	case sa.Start != sb.Start:
		return sa.Start < sb.Start
	case sa.End != sb.End:
		return sa.End > sb.End
	case a.Rule != b.Rule:
		return a.Rule < b.Rule
	case a.Message != b.Message:
		return a.Message < b.Message
	case a.Finding.Start != b.Finding.Start:
		return a.Finding.Start < b.Finding.Start
	case a.Finding.End != b.Finding.End:
		return a.Finding.End < b.Finding.End
	}
	return editsKey(a.Edits) < editsKey(b.Edits)
}

func editsKey(es []audit.Edit) string {
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "%d:%d:%q;", e.Start, e.End, e.New)
	}
	return b.String()
}

// Conflict reports whether two edits cannot both apply with one meaning:
// they share a byte, an insertion falls strictly inside the other, or both
// insert at one offset (the order of the two would be a guess). Touching
// edits do not conflict.
func Conflict(a, b audit.Edit) bool {
	if a.Start == a.End && b.Start == b.End {
		return a.Start == b.Start
	}
	return a.Start < b.End && b.Start < a.End
}

// Edits gathers the edits of repairs that Resolve let apply together:
// identical edits once, in position order.
func Edits(repairs []Repair) []audit.Edit {
	seen := map[audit.Edit]bool{}
	var out []audit.Edit
	for _, r := range repairs {
		for _, e := range r.Edits {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	sortEdits(out)
	return out
}
