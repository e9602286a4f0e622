// Package typo finds the allowed name a misspelt one was meant to be, for
// the "unknown key "x" (did you mean "y"?)" errors of the strict decoders
// (profiles, rule packs, message catalogs).
package typo

import "sort"

// Nearest returns the candidate closest to k by edit distance, when it is
// close enough (two edits or fewer) to be a typo of it; "" otherwise. Ties
// go to the candidate first in sorted order, so the answer never depends
// on the order candidates come in.
func Nearest(k string, candidates []string) string {
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	best, bestD := "", 3
	for _, c := range sorted {
		if d := Distance(k, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// NearestKey is Nearest over the keys of a map.
func NearestKey[V any](k string, m map[string]V) string {
	keys := make([]string, 0, len(m))
	for c := range m {
		keys = append(keys, c)
	}
	return Nearest(k, keys)
}

// Distance is the Levenshtein distance between a and b, in bytes.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
