package i18n

import "testing"

// Builtin decodes a catalog other than English on first use: this test
// decodes every embedded catalog up front, so that a broken one fails go
// test.
func TestEveryEmbeddedCatalogDecodes(t *testing.T) {
	r, err := load(dataFS, "data", builtinName, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Languages()) < 2 {
		t.Errorf("catalogs: %v", r.Languages())
	}
	lazy := MustBuiltin()
	for _, l := range r.Languages() {
		if lazy.Get(l) == nil || lazy.Get(l).lang != r.Get(l).lang {
			t.Errorf("%s: the built-in registry lacks it", l)
		}
	}
}
