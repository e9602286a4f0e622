// Command mtaudit audits machine-translated news articles and flags what
// automatic translation left behind. See README.md.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit codes: 0 every article passes, 1 some article fails the gate, 2 usage or I/O error.
const (
	exitOK    = 0
	exitFail  = 1
	exitError = 2
)

// exitCodeError carries an exit code up to main; its message, if any, is printed.
type exitCodeError struct {
	code int
	err  error
}

func (e *exitCodeError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func exitWith(code int, err error) error { return &exitCodeError{code: code, err: err} }

// env is what a subcommand may touch of the process: cmd/mtaudit alone does.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// stdoutTTY and stderrTTY say whether the streams are terminals.
	stdoutTTY, stderrTTY bool
}

// subcommands are added by each command's file from init.
var subcommands []func(*env) *cobra.Command

func register(f func(*env) *cobra.Command) { subcommands = append(subcommands, f) }

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:           "mtaudit",
		Short:         "Audit machine-translated news articles for what MT left behind",
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	for _, f := range subcommands {
		root.AddCommand(f(e))
	}
	return root
}

// run executes the command line and returns the exit code.
func run(args []string, e *env) int {
	root := newRoot(e)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ce *exitCodeError
	if errors.As(err, &ce) {
		if ce.err != nil {
			fmt.Fprintf(e.stderr, "mtaudit: %v\n", ce.err)
		}
		return ce.code
	}
	// Anything else is a usage or I/O problem.
	fmt.Fprintf(e.stderr, "mtaudit: %v\n", err)
	return exitError
}

func main() {
	e := &env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		stdoutTTY: isTerminal(os.Stdout), stderrTTY: isTerminal(os.Stderr),
	}
	os.Exit(run(os.Args[1:], e))
}
