// Command genpackmeta writes rules/pack_meta.txt, the metadata of the
// built-in pack rules, from rules/packs (see rules/pack_meta.go). Run by
// `go generate ./rules/` (`make generate`) from the rules directory; it
// writes nothing when a pack has a mistake.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/mtaudit/mtaudit/rules"
)

func main() {
	data, err := rules.GeneratePackMeta()
	if err != nil {
		fmt.Fprintf(os.Stderr, "genpackmeta: %v\n", err)
		os.Exit(1)
	}
	if old, err := os.ReadFile(rules.PackMetaFile); err == nil && bytes.Equal(old, data) {
		return
	}
	if err := os.WriteFile(rules.PackMetaFile, data, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "genpackmeta: %v\n", err)
		os.Exit(1)
	}
}
