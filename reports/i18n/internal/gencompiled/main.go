// Command gencompiled writes reports/i18n/compiled.txt, the built-in
// catalogs as decoded, from reports/i18n/data (see reports/i18n/compiled.go).
// Run by `go generate ./reports/i18n/` (`make generate`) from that
// directory; it writes nothing when a catalog has a mistake.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/mtaudit/mtaudit/reports/i18n"
)

func main() {
	data, err := i18n.GenerateCompiled()
	if err != nil {
		fmt.Fprintf(os.Stderr, "gencompiled: %v\n", err)
		os.Exit(1)
	}
	if old, err := os.ReadFile(i18n.CompiledFile); err == nil && bytes.Equal(old, data) {
		return
	}
	if err := os.WriteFile(i18n.CompiledFile, data, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "gencompiled: %v\n", err)
		os.Exit(1)
	}
}
