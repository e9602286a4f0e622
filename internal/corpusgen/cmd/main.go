// Command corpusgen writes a synthetic corpus and measures a command run
// over it (the `make bench` steps).
//
//	go run ./internal/corpusgen/cmd gen -n 10000 -seed 1 -out DIR
//	go run ./internal/corpusgen/cmd real -n 14900 -out DIR ../shared/corpus/seeds ../shared/bench/…/x.tsv
//	go run ./internal/corpusgen/cmd measure -corpus DIR -C /tmp -- mtaudit audit --out OUT DIR
//
// measure runs the command, its standard output discarded, and prints
// articles per second, MB/s of article text and the command's peak
// resident set size (from the kernel's rusage for the child).
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
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: corpusgen gen -n N -seed S -format txt|jsonl -out DIR\n       corpusgen real -n N -out DIR SOURCE...\n       corpusgen measure -corpus DIR [-C WORKDIR] [-label TEXT] -- COMMAND ARGS...")
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
	cmd := exec.Command(cmdArgs[0], cmdArgs[1:]...)
	cmd.Dir = *workdir
	cmd.Stdout = io.Discard
	cmd.Stderr = os.Stderr
	start := time.Now()
	runErr := cmd.Run()
	wall := time.Since(start)
	code := 0
	var exitErr *exec.ExitError
	switch {
	case errors.As(runErr, &exitErr):
		code = exitErr.ExitCode()
	case runErr != nil:
		return runErr
	}
	// mtaudit exits 1 when articles fail the gate: that is a finished run.
	if code > 1 {
		return fmt.Errorf("%s exited %d", cmdArgs[0], code)
	}
	var rssKB int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rssKB = ru.Maxrss // kilobytes on Linux
	}
	secs := wall.Seconds()
	if *label != "" {
		fmt.Printf("%s\n", *label)
	}
	fmt.Printf("  command:      %s\n", strings.Join(cmdArgs, " "))
	fmt.Printf("  articles:     %d (%.1f MB of text), exit %d\n", articles, float64(size)/1e6, code)
	fmt.Printf("  wall:         %s (user %s, sys %s)\n", wall.Round(time.Millisecond), cmd.ProcessState.UserTime().Round(time.Millisecond), cmd.ProcessState.SystemTime().Round(time.Millisecond))
	fmt.Printf("  articles/s:   %.0f\n", float64(articles)/secs)
	fmt.Printf("  MB/s:         %.2f\n", float64(size)/1e6/secs)
	cpu := (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	fmt.Printf("  MB/cpu-s:     %.2f (per CPU second, start-up included)\n", float64(size)/1e6/max(cpu, 1e-9))
	fmt.Printf("  peak RSS:     %.1f MiB\n", float64(rssKB)/1024)
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
