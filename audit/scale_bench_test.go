package audit_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/lang"
	"github.com/mtaudit/mtaudit/internal/corpusgen"
	"github.com/mtaudit/mtaudit/rules"
)

// scaleText builds about size bytes of generated article text: as
// paragraphs (articles one after the other, blank lines between their
// paragraphs) or as one line (every line end a space).
func scaleText(size int, oneLine bool) string {
	g := corpusgen.New(7)
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		t := g.Article(i).Text
		if oneLine {
			t = strings.Join(strings.Fields(t), " ")
			b.WriteString(t + " ")
		} else {
			b.WriteString(t + "\n\n")
		}
	}
	s := b.String()
	for len(s) > size && !isRuneStart(s[size]) {
		size--
	}
	return s[:size]
}

func isRuneStart(c byte) bool { return c&0xC0 != 0x80 }

// BenchmarkArticleSize audits one article of 0.25, 1, 4 and 16 MB, as one
// line and as paragraphs, with every rule: time and allocated bytes must
// grow linearly with the size (MB/s about constant across sizes).
func BenchmarkArticleSize(b *testing.B) {
	registry, err := rules.All()
	if err != nil {
		b.Fatal(err)
	}
	eng, err := audit.NewEngine(registry, audit.DefaultConfig(), audit.WithDetector(lang.Document))
	if err != nil {
		b.Fatal(err)
	}
	// Load what the rules load on first use (language models) before any
	// timing.
	if warm, err := audit.NewDocument("warm.txt", []byte(scaleText(20<<10, false))); err == nil {
		eng.Audit(context.Background(), warm)
	}
	for _, shape := range []string{"line", "paragraphs"} {
		for _, mb := range []float64{0.25, 1, 4, 16} {
			b.Run(fmt.Sprintf("%s/%gMB", shape, mb), func(b *testing.B) {
				text := scaleText(int(mb*(1<<20)), shape == "line")
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				cpu0 := cpuTime()
				defer func() {
					// CPU time of the process: on a shared machine the wall
					// clock also counts other processes.
					cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
					b.ReportMetric(cpu, "cpu-s/op")
					b.ReportMetric(float64(len(text))/(1<<20)/cpu, "MB/cpu-s")
				}()
				for b.Loop() {
					doc, err := audit.NewDocument("big.txt", []byte(text))
					if err != nil {
						b.Fatal(err)
					}
					res := eng.Audit(context.Background(), doc)
					lt := doc.LineTable()
					for _, f := range res.Findings {
						lt.Position(f.Start)
						lt.Position(f.End)
					}
				}
			})
		}
	}
}
