// Command corpusgen writes a synthetic corpus and measures a command run
// over it (the `make bench` steps).
//
//	go run ./internal/corpusgen/cmd gen -n 10000 -seed 1 -out DIR
//	go run ./internal/corpusgen/cmd real -n 14900 -out DIR ../shared/corpus/seeds ../shared/bench/…/x.tsv
//	go run ./internal/corpusgen/cmd measure -corpus DIR -C /tmp -- mtaudit audit --out OUT DIR
//	go run ./internal/corpusgen/cmd scaling -corpus DIR -rounds 8 -- mtaudit audit -j {j} --format jsonl DIR
//
// measure runs the command, its standard output discarded, and prints
// articles per second, MB/s of article text and the command's peak
// resident set size (from the kernel's rusage for the child). scaling runs
// it with one worker and two, alternately, and sums the rounds up.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/mtaudit/mtaudit/internal/corpusgen"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[2:])
	case "measure":
		err = measure(os.Args[2:])
	case "real":
		err = real(os.Args[2:])
	case "scaling":
		err = scaling(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: corpusgen gen -n N -seed S -format txt|jsonl -out DIR\n       corpusgen real -n N -out DIR SOURCE...\n       corpusgen measure -corpus DIR [-C WORKDIR] [-label TEXT] -- COMMAND ARGS...\n       corpusgen scaling -corpus DIR [-rounds N] [-C WORKDIR] [-label TEXT] -- COMMAND ARGS... ({j}: the number of workers)")
	os.Exit(2)
}

func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	n := fs.Int("n", 10000, "articles")
	seed := fs.Uint64("seed", 1, "seed")
	format := fs.String("format", "txt", "txt (NNNNN.txt + .gold.json) or jsonl")
	out := fs.String("out", "", "directory to write")
	fs.Parse(args)
	if *out == "" {
		return errors.New("gen needs -out DIR")
	}
	start := time.Now()
	bytes, err := corpusgen.Write(*out, *n, *seed, *format)
	if err != nil {
		return err
	}
	fmt.Printf("generated %d articles, %.1f MB of text, seed %d, in %s: %s\n", *n, float64(bytes)/1e6, *seed, time.Since(start).Round(time.Millisecond), *out)
	return nil
}

// real writes n articles made from real ones (see corpusgen.Replicate).
func real(args []string) error {
	fs := flag.NewFlagSet("real", flag.ExitOnError)
	n := fs.Int("n", 14900, "articles")
	out := fs.String("out", "", "directory to write")
	fs.Parse(args)
	if *out == "" || fs.NArg() == 0 {
		return errors.New("real needs -out DIR and sources (directories of .txt, TSV files)")
	}
	arts, err := corpusgen.ReadArticles(fs.Args())
	if err != nil {
		return err
	}
	if len(arts) == 0 {
		return errors.New("the sources hold no article")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	size := 0
	for i, a := range corpusgen.Replicate(arts, *n) {
		if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("%06d.txt", i)), []byte(a), 0o644); err != nil {
			return err
		}
		size += len(a)
	}
	fmt.Printf("wrote %d articles from %d real ones, %.1f MB of text: %s\n", *n, len(arts), float64(size)/1e6, *out)
	return nil
}

func measure(args []string) error {
	fs := flag.NewFlagSet("measure", flag.ExitOnError)
	corpus := fs.String("corpus", "", "corpus directory (articles counted: *.txt, lines of *.jsonl)")
	label := fs.String("label", "", "name printed before the figures")
	workdir := fs.String("C", "", "run the command in this directory (away from a .mtaudit.yaml)")
	fs.Parse(args)
	cmdArgs := fs.Args()
	if *corpus == "" || len(cmdArgs) == 0 {
		return errors.New("measure needs -corpus DIR -- COMMAND ARGS")
	}
	articles, size, err := count(*corpus)
	if err != nil {
		return err
	}
	r, err := runCommand(cmdArgs, *workdir)
	if err != nil {
		return err
	}
	wall, code, rssKB := r.wall, r.code, r.rssKB
	secs := wall.Seconds()
	if *label != "" {
		fmt.Printf("%s\n", *label)
	}
	fmt.Printf("  command:      %s\n", strings.Join(cmdArgs, " "))
	fmt.Printf("  articles:     %d (%.1f MB of text), exit %d\n", articles, float64(size)/1e6, code)
	fmt.Printf("  wall:         %s (user %s, sys %s)\n", wall.Round(time.Millisecond), r.user.Round(time.Millisecond), r.sys.Round(time.Millisecond))
	fmt.Printf("  articles/s:   %.0f\n", float64(articles)/secs)
	fmt.Printf("  MB/s:         %.2f\n", float64(size)/1e6/secs)
	cpu := (r.user + r.sys).Seconds()
	fmt.Printf("  MB/cpu-s:     %.2f (per CPU second, start-up included)\n", float64(size)/1e6/max(cpu, 1e-9))
	fmt.Printf("  peak RSS:     %.1f MiB\n", float64(rssKB)/1024)
	return nil
}

// run is one run of a measured command.
type run struct {
	wall, user, sys time.Duration
	code            int
	rssKB           int64
}

// runCommand runs a command, its standard output discarded, in dir; an
// exit status of 1 (articles that fail the gate) is a finished run.
func runCommand(cmdArgs []string, dir string) (run, error) {
	cmd := exec.Command(cmdArgs[0], cmdArgs[1:]...)
	cmd.Dir = dir
	cmd.Stdout = io.Discard
	cmd.Stderr = os.Stderr
	start := time.Now()
	runErr := cmd.Run()
	r := run{wall: time.Since(start)}
	var exitErr *exec.ExitError
	switch {
	case errors.As(runErr, &exitErr):
		r.code = exitErr.ExitCode()
	case runErr != nil:
		return r, runErr
	}
	if r.code > 1 {
		return r, fmt.Errorf("%s exited %d", cmdArgs[0], r.code)
	}
	r.user, r.sys = cmd.ProcessState.UserTime(), cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rssKB = ru.Maxrss // kilobytes on Linux
	}
	return r, nil
}

// scaling runs the command with -j 1 and -j 2 ({j} in its arguments)
// alternately, rounds times, and sums up (corpusgen.SummarizeScaling).
func scaling(args []string) error {
	fs := flag.NewFlagSet("scaling", flag.ExitOnError)
	corpus := fs.String("corpus", "", "corpus directory (articles counted: *.txt, lines of *.jsonl)")
	rounds := fs.Int("rounds", 8, "rounds of -j 1 then -j 2")
	label := fs.String("label", "", "name printed before the figures")
	workdir := fs.String("C", "", "run the command in this directory (away from a .mtaudit.yaml)")
	fs.Parse(args)
	cmdArgs := fs.Args()
	if *corpus == "" || len(cmdArgs) == 0 || !slices.Contains(cmdArgs, "{j}") || *rounds < 1 {
		return errors.New("scaling needs -corpus DIR [-rounds N] -- COMMAND ARGS, with {j} where the number of workers goes")
	}
	_, size, err := count(*corpus)
	if err != nil {
		return err
	}
	with := func(j string) []string {
		out := slices.Clone(cmdArgs)
		for i, a := range out {
			if a == "{j}" {
				out[i] = j
			}
		}
		return out
	}
	if *label != "" {
		fmt.Println(*label)
	}
	var all []corpusgen.ScalingRound
	for i := range *rounds {
		one, err := runCommand(with("1"), *workdir)
		if err != nil {
			return err
		}
		two, err := runCommand(with("2"), *workdir)
		if err != nil {
			return err
		}
		all = append(all, corpusgen.ScalingRound{Wall1: one.wall, CPU1: one.user + one.sys, Wall2: two.wall, CPU2: two.user + two.sys})
		fmt.Printf("  round %d:  -j 1 %s (cpu %s), -j 2 %s (cpu %s): %.2f×\n", i+1,
			one.wall.Round(time.Millisecond), (one.user + one.sys).Round(time.Millisecond),
			two.wall.Round(time.Millisecond), (two.user + two.sys).Round(time.Millisecond), one.wall.Seconds()/two.wall.Seconds())
	}
	corpusgen.SummarizeScaling(all, size).Print(os.Stdout)
	return nil
}

// count finds the articles of a corpus and their bytes.
func count(dir string) (articles int, size int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".txt":
			info, err := d.Info()
			if err != nil {
				return err
			}
			articles++
			size += info.Size()
		case ".jsonl":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			articles += strings.Count(string(data), "\n")
			size += int64(len(data))
		}
		return nil
	})
	return articles, size, err
}
