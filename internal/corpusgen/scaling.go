package corpusgen

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// ScalingRound is one round of a scaling measure: the same run with one
// worker, then with two, one after the other.
type ScalingRound struct {
	Wall1, CPU1, Wall2, CPU2 time.Duration
}

// Scaling sums up the rounds: what issue 14's bars read (MB per
// CPU-second with one worker; two workers' speed-up on the wall clock)
// and how far the rounds spread. A shared machine's speed moves with the
// other jobs on it; rounds that disagree by much more than a tenth say
// the medians are the neighbours' as much as the program's.
type Scaling struct {
	Rounds         int
	MBPerCPU1      float64 // median over the rounds, one worker
	SpeedUp        float64 // median wall with one worker / median wall with two
	SpeedUpByRound float64 // median of the rounds' own ratios
	Spread1        float64 // slowest / fastest one-worker wall
}

// SummarizeScaling sums up rounds over bytes of text.
func SummarizeScaling(rounds []ScalingRound, bytes int64) Scaling {
	if len(rounds) == 0 {
		return Scaling{}
	}
	var w1, w2, c1, ratio []float64
	for _, r := range rounds {
		w1 = append(w1, r.Wall1.Seconds())
		w2 = append(w2, r.Wall2.Seconds())
		c1 = append(c1, r.CPU1.Seconds())
		ratio = append(ratio, r.Wall1.Seconds()/max(r.Wall2.Seconds(), 1e-9))
	}
	mb := float64(bytes) / 1e6
	return Scaling{
		Rounds:         len(rounds),
		MBPerCPU1:      mb / max(median(c1), 1e-9),
		SpeedUp:        median(w1) / max(median(w2), 1e-9),
		SpeedUpByRound: median(ratio),
		Spread1:        slices.Max(w1) / max(slices.Min(w1), 1e-9),
	}
}

// Print writes the summary as the bench targets show it.
func (s Scaling) Print(w io.Writer) {
	fmt.Fprintf(w, "  rounds:           %d (-j 1 then -j 2 each)\n", s.Rounds)
	fmt.Fprintf(w, "  -j 1 MB/cpu-s:    %.2f (median)\n", s.MBPerCPU1)
	fmt.Fprintf(w, "  -j 2 / -j 1:      %.2f× (medians of the walls), %.2f× (median of the rounds)\n", s.SpeedUp, s.SpeedUpByRound)
	fmt.Fprintf(w, "  -j 1 wall spread: %.2f (slowest / fastest round)", s.Spread1)
	if s.Spread1 > 1.15 {
		fmt.Fprint(w, ": the machine was busy; measure again")
	}
	fmt.Fprintln(w)
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
