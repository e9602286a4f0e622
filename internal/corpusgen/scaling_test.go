package corpusgen

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestSummarizeScaling(t *testing.T) {
	s := time.Second
	rounds := []ScalingRound{
		{Wall1: 3 * s, CPU1: 3 * s, Wall2: 2 * s, CPU2: 3 * s},                   // 1.5×
		{Wall1: 4 * s, CPU1: 4 * s, Wall2: 2 * s, CPU2: 4 * s},                   // 2×
		{Wall1: 3600 * time.Millisecond, CPU1: 3 * s, Wall2: 2 * s, CPU2: 4 * s}, // 1.8×
	}
	got := SummarizeScaling(rounds, 30e6)
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if got.Rounds != 3 || !near(got.MBPerCPU1, 10) || !near(got.SpeedUp, 1.8) || !near(got.SpeedUpByRound, 1.8) || !near(got.Spread1, 4.0/3) {
		t.Errorf("summary %+v", got)
	}
	var b strings.Builder
	got.Print(&b)
	if !strings.Contains(b.String(), "the machine was busy") {
		t.Errorf("a spread of 1.33 is not flagged:\n%s", b.String())
	}
	b.Reset()
	SummarizeScaling(rounds[:1], 30e6).Print(&b)
	if strings.Contains(b.String(), "busy") {
		t.Errorf("one round flagged as busy:\n%s", b.String())
	}
	if (SummarizeScaling(nil, 1) != Scaling{}) {
		t.Error("no rounds give figures")
	}
}
