package profile

import (
	"io/fs"
	"reflect"
	"testing"
)

// TestCompiledFresh holds compiled.txt to data/*.yaml: a profile edited
// without regenerating fails here (the binary would still work, decoding
// the YAML).
func TestCompiledFresh(t *testing.T) {
	want, err := GenerateCompiled()
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != compiledText {
		t.Fatalf("%s is stale: run `go generate ./audit/profile/` (make generate)", CompiledFile)
	}
}

// TestCompiledMatchesDecode checks every generated profile against the
// YAML's, field by field, and that a changed file is not read from
// compiled.txt.
func TestCompiledMatchesDecode(t *testing.T) {
	names, err := fs.Glob(embedded, "data/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded profile: %v", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(embedded, name)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Decode(name, data)
		if err != nil {
			t.Fatal(err)
		}
		got := compiled(name, data)
		if got == nil {
			t.Fatalf("%s: not in %s", name, CompiledFile)
		}
		if !sameProfile(got, want) {
			t.Errorf("%s: the compiled profile differs from the decoded one", name)
		}
		if len(got.sets) != len(want.sets) {
			t.Errorf("%s: %d sets, want %d", name, len(got.sets), len(want.sets))
		}
		if compiled(name, append(append([]byte{}, data...), '\n')) != nil {
			t.Errorf("%s: an edited file read from %s", name, CompiledFile)
		}
	}
}

// sameProfile compares the exported fields.
func sameProfile(a, b *Profile) bool {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := range va.NumField() {
		if !va.Type().Field(i).IsExported() {
			continue
		}
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			return false
		}
	}
	return true
}

// TestCompiledSummaries holds the generated summaries to the profiles.
func TestCompiledSummaries(t *testing.T) {
	names, _ := fs.Glob(embedded, "data/*.yaml")
	for _, name := range names {
		data, _ := fs.ReadFile(embedded, name)
		p, err := Decode(name, data)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := compiledSummary(name, data)
		if !ok {
			t.Fatalf("%s: no summary in %s", name, CompiledFile)
		}
		if want := summaryOf(p); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: summary %+v, want %+v", name, got, want)
		}
	}
}
