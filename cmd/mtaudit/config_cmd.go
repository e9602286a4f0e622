package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"

	"github.com/mtaudit/mtaudit/audit"
)

func init() { register(newConfigCmd) }

// configPath is the configuration file to read: --config, else the
// nearest .mtaudit.yaml from the working directory up to the repository
// root (audit.FindConfig), else none.
func (f *engineFlags) configPath() (string, error) {
	if f.config != "" {
		return f.config, nil
	}
	path, err := audit.FindConfig(".")
	if err != nil || path == "" {
		return "", err
	}
	// Shown relative when it is below the working directory.
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			return rel, nil
		}
	}
	return path, nil
}

// configDir is the directory of the configuration file loadConfig read:
// relative paths in the file are relative to it.
func (f *engineFlags) configDir() string {
	if f.loaded == "" {
		return ""
	}
	return filepath.Dir(f.loaded)
}

// flagKeys maps the flags that override configuration to their top-level key.
var flagKeys = map[string]string{
	"lang": "lang", "fail-on": "gate", "max-penalty": "gate", "rules": "rules", "disable": "disable",
	"max-article-bytes": "max_article_bytes", "llm": "llm", "llm-base-url": "llm", "llm-model": "llm",
	"llm-concurrency": "llm", "llm-timeout": "llm", "llm-max-tokens": "llm", "llm-cache": "llm", "llm-required": "llm",
}

func newConfigCmd(e *env) *cobra.Command {
	var f engineFlags
	var print bool
	cmd := &cobra.Command{
		Use:   "config --print [flags]",
		Short: "Print the effective configuration and where each part came from",
		Long: `Print the configuration an audit run here would use, as YAML: the file
(--config, else the nearest ` + audit.ConfigFileName + ` in the working directory or a
parent, stopping at the root of the version control checkout), with the
flags given applied. A comment above each key says where its value came
from: the file, a flag, or the default.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !print {
				return exitWith(exitError, fmt.Errorf("say what to do: mtaudit config --print"))
			}
			cfg, err := f.loadConfig(cmd.Flags(), e)
			if err != nil {
				return exitWith(exitError, err)
			}
			out, err := describeConfig(cfg, f.loaded, cmd.Flags())
			if err != nil {
				return exitWith(exitError, err)
			}
			_, err = e.stdout.Write(out)
			return err
		},
	}
	f.register(cmd.Flags())
	cmd.Flags().BoolVar(&print, "print", false, "print the effective configuration as YAML")
	return cmd
}

// describeConfig renders cfg as YAML with each top-level key's origin.
func describeConfig(cfg *audit.Config, file string, fs *pflag.FlagSet) ([]byte, error) {
	inFile := map[string]bool{}
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := yaml.Unmarshal(data, &m); err != nil {
			return nil, err
		}
		for k := range m {
			inFile[k] = true
		}
	}
	byFlag := map[string][]string{}
	fs.Visit(func(fl *pflag.Flag) {
		if k, ok := flagKeys[fl.Name]; ok {
			byFlag[k] = append(byFlag[k], "--"+fl.Name)
		}
	})
	var doc yaml.Node
	if err := doc.Encode(cfg); err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key := doc.Content[i]
		switch {
		case len(byFlag[key.Value]) > 0:
			key.HeadComment = "from " + strings.Join(byFlag[key.Value], ", ")
			if inFile[key.Value] {
				key.HeadComment += " (over " + file + ")"
			}
		case inFile[key.Value]:
			key.HeadComment = "from " + file
		default:
			key.HeadComment = "default"
		}
	}
	var b bytes.Buffer
	switch file {
	case "":
		b.WriteString("# Effective mtaudit configuration: no configuration file (none found from " + cwd() + " up to the repository root).\n")
	default:
		b.WriteString("# Effective mtaudit configuration, from " + file + ".\n")
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

func cwd() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	return wd
}
