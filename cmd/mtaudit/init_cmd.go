package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/atomicfile"
)

func init() { register(newInitCmd) }

// starterConfig is what mtaudit init writes: the keys a newcomer sets
// first, each explained, the rest commented out. A test decodes it with
// the strict loader.
const starterConfig = `# mtaudit configuration (written by mtaudit init). mtaudit reads the
# nearest .mtaudit.yaml from the working directory up to the repository
# root; flags override it. Unknown keys are errors (FILE:LINE).
# mtaudit config --print shows the configuration in effect; every key:
# testdata/config/example.mtaudit.yaml in the mtaudit repository.

# Target language of the articles, a BCP 47 tag (fr, de, es, it, pt,
# fr-FR, pt_BR). Given, it is checked: an article mostly in another
# language fails. Commented out, each article's language is detected.
# lang: fr

# The gate: an article fails with a finding at least this severe
# (critical, major, minor, info or never) or a penalty (MQM points per
# 100 words) above max_penalty (negative: no limit).
gate:
  fail_on: critical
  max_penalty: 5

# Severities by rule id or by category (info, minor, major, critical).
# severity:
#   typography: info

# Rules to turn off (ids, categories, or id prefixes ending in *).
# mtaudit rules lists them.
disable: []

# Canonical spellings of names, which the name rules prefer.
glossary: []

# Terms never flagged: brands, titles, house style.
accept: []

# Findings editors dismissed (the HTML report's Dismiss buttons, or
# mtaudit serve --suppressions FILE), left out of every run. Relative to
# this file.
# suppressions: .mtaudit-suppressions.json
`

func newInitCmd(e *env) *cobra.Command {
	var force bool
	var path string
	cmd := &cobra.Command{
		Use:   "init [--force] [--path FILE]",
		Short: "Write a commented starter " + audit.ConfigFileName,
		Long: `Write a starter configuration file, every key explained, in the working
directory (or --path FILE). An existing file is kept unless --force.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !force {
				if _, err := os.Lstat(path); err == nil {
					return exitWith(exitError, fmt.Errorf("%s exists; --force overwrites it", path))
				} else if !errors.Is(err, fs.ErrNotExist) {
					return exitWith(exitError, err)
				}
			}
			if err := atomicfile.WriteFile(path, []byte(starterConfig), 0o644); err != nil {
				return exitWith(exitError, err)
			}
			fmt.Fprintf(e.stderr, "mtaudit: wrote %s; mtaudit config --print shows what it sets\n", filepath.Clean(path))
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	cmd.Flags().StringVar(&path, "path", audit.ConfigFileName, "file to write")
	return cmd
}
