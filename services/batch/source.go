package batch

import (
	"iter"
	"sync/atomic"

	"github.com/mtaudit/mtaudit/audit"
)

// Source yields a run's inputs in order.
type Source interface {
	// Inputs yields the inputs once, in order.
	Inputs() iter.Seq[audit.Input]
	// Pending estimates the inputs not yet yielded, for progress: a file
	// not yet read counts as one article until it is read.
	Pending() int
}

// Files reads paths in order with open (for example readers.Inputs), one
// file at a time, so that only the articles in flight are in memory. It
// takes paths over: each is cleared once opened, so that the list of a
// large tree (five megabytes at 100,000 files) is let go as the run goes.
func Files(paths []string, open func(path string) iter.Seq[audit.Input]) Source {
	return &fileSource{paths: paths, open: open}
}

type fileSource struct {
	paths []string
	open  func(string) iter.Seq[audit.Input]
	read  atomic.Int64 // files started
}

func (s *fileSource) Inputs() iter.Seq[audit.Input] {
	return func(yield func(audit.Input) bool) {
		for i, p := range s.paths {
			s.paths[i] = ""
			s.read.Add(1)
			for in := range s.open(p) {
				if !yield(in) {
					return
				}
			}
		}
	}
}

func (s *fileSource) Pending() int { return len(s.paths) - int(s.read.Load()) }

// Slice is a source over inputs already read.
func Slice(ins []audit.Input) Source { return &sliceSource{ins: ins} }

type sliceSource struct {
	ins   []audit.Input
	taken atomic.Int64
}

func (s *sliceSource) Inputs() iter.Seq[audit.Input] {
	return func(yield func(audit.Input) bool) {
		for _, in := range s.ins {
			s.taken.Add(1) // the runner counts every input it is handed
			if !yield(in) {
				return
			}
		}
	}
}

// Pending counts the inputs not yet taken.
func (s *sliceSource) Pending() int { return max(0, len(s.ins)-int(s.taken.Load())) }
