package audit

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
)

// mergeFindingsByGroup is MergeFindings as it was first written: the
// findings grouped by category in a map, each group sorted by start and
// merged. The reference for TestMergeFindingsMatchesGroups.
func mergeFindingsByGroup(fs []Finding) []Finding {
	if len(fs) < 2 {
		SortFindings(fs)
		return fs
	}
	byCat := map[Category][]Finding{}
	for _, f := range fs {
		byCat[f.Category] = append(byCat[f.Category], f)
	}
	out := make([]Finding, 0, len(fs))
	for _, group := range byCat {
		sort.SliceStable(group, func(i, j int) bool { return group[i].Start < group[j].Start })
		cur := group[0]
		for _, f := range group[1:] {
			if f.Start < cur.End {
				cur = mergeTwo(cur, f)
				continue
			}
			out = append(out, cur)
			cur = f
		}
		out = append(out, cur)
	}
	SortFindings(out)
	return out
}

// TestMergeFindingsMatchesGroups: the one sort of MergeFindings merges as
// the map of groups did, on random findings crowded into a short text
// (overlaps, equal starts and spans, empty spans, rule and LLM findings).
// A rule has one category, as the registry gives it: the reference's
// order among findings of one span and rule in several categories
// followed the map's, which is random.
func TestMergeFindingsMatchesGroups(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 12))
	cats := Categories[:4]
	for n := range 3000 {
		fs := make([]Finding, rng.IntN(12))
		for i := range fs {
			c := rng.IntN(len(cats))
			start := rng.IntN(40)
			f := Finding{
				Span:     Span{start, start + rng.IntN(8)},
				Rule:     fmt.Sprintf("%s.r%d", cats[c], rng.IntN(2)),
				Category: cats[c],
				Severity: Severity(rng.IntN(3)),
				Message:  fmt.Sprint("m", i),
				Source:   SourceRule,
			}
			if rng.IntN(4) == 0 {
				f.Source, f.Suggestion = SourceLLM, fmt.Sprint("s", i)
			}
			fs[i] = f
		}
		in := append([]Finding(nil), fs...)
		got := MergeFindings(append([]Finding(nil), fs...))
		want := mergeFindingsByGroup(append([]Finding(nil), fs...))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: MergeFindings(%+v)\n= %+v\nwant %+v", n, in, got, want)
		}
	}
}
