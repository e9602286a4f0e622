// Command gencompiled writes audit/profile/compiled.txt, the built-in
// profiles as decoded, from audit/profile/data (see
// audit/profile/compiled.go). Run by `go generate ./audit/profile/`
// (`make generate`) from that directory; it writes nothing when a profile
// has a mistake.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/mtaudit/mtaudit/audit/profile"
)

func main() {
	data, err := profile.GenerateCompiled()
	if err != nil {
		fmt.Fprintf(os.Stderr, "gencompiled: %v\n", err)
		os.Exit(1)
	}
	if old, err := os.ReadFile(profile.CompiledFile); err == nil && bytes.Equal(old, data) {
		return
	}
	if err := os.WriteFile(profile.CompiledFile, data, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "gencompiled: %v\n", err)
		os.Exit(1)
	}
}
