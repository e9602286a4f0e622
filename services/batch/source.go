package batch

import (
	"iter"
	"slices"
	"sync/atomic"

	"github.com/mtaudit/mtaudit/audit"
)

// Source yields a run's inputs in order.
type Source interface {
	// Inputs yields the inputs once, in order.
	Inputs() iter.Seq[audit.Input]
	// Known counts the inputs yielded so far plus an estimate of those
	// not yet yielded (a file not yet read counts as one article), for
	// progress and for the total of an interrupted run. It is one
	// counter moved once per change, so that an input being handed over
	// while it is read is counted once, never twice or not at all.
	Known() int
}

// Files reads paths in order with open (for example readers.Inputs), one
// file at a time, so that only the articles in flight are in memory. It
// takes paths over: each is cleared once opened, so that the list of a
// large tree (five megabytes at 100,000 files) is let go as the run goes.
func Files(paths []string, open func(path string) iter.Seq[audit.Input]) Source {
	s := &fileSource{paths: paths, open: open}
	s.known.Store(int64(len(paths)))
	return s
}

type fileSource struct {
	paths []string
	open  func(string) iter.Seq[audit.Input]
	known atomic.Int64 // inputs yielded plus files not yet read
}

func (s *fileSource) Inputs() iter.Seq[audit.Input] {
	return func(yield func(audit.Input) bool) {
		for i, p := range s.paths {
			s.paths[i] = ""
			first := true
			for in := range s.open(p) {
				// The file's first input takes the place the file held.
				if !first {
					s.known.Add(1)
				}
				first = false
				if !yield(in) {
					return
				}
			}
			if first { // a file with no input gives its place back
				s.known.Add(-1)
			}
		}
	}
}

func (s *fileSource) Known() int { return int(s.known.Load()) }

// Slice is a source over inputs already read.
func Slice(ins []audit.Input) Source { return sliceSource(ins) }

type sliceSource []audit.Input

func (s sliceSource) Inputs() iter.Seq[audit.Input] { return slices.Values(s) }

// Known is every input: they are all read already.
func (s sliceSource) Known() int { return len(s) }
