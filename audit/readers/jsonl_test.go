package readers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

func TestReadJSONL(t *testing.T) {
	data := strings.Join([]string{
		`{"id": "a1", "title": "Grève au port", "text": "Les dockers reprennent le travail.", "url": "https://x.example/a1", "lang": "FR", "source": "x.example", "extra": 3}`,
		``,
		`{"id": 42, "text": "Le marché ouvre à neuf heures."}`,
		`{"id": "a3", "text": "texte coupé`,
		`{"id": "a4"}`,
		`{"text": "Sans identifiant."}`,
		`{"id": "a6", "text": ""}`,
		`{"id": {"x": 1}, "text": "Mauvais id."}`,
		"{\"id\": \"a8\", \"text\": \"Fin de ligne Windows.\"}\r",
		`{"id": "a9", "text": "Dernière ligne sans retour."}`,
	}, "\n")
	ins := ReadJSONL("feed.jsonl", []byte(data))
	type row struct{ path, id, text, err string }
	want := []row{
		{path: "feed.jsonl#1", id: "a1", text: "Les dockers reprennent le travail."},
		{path: "feed.jsonl#3", id: "42", text: "Le marché ouvre à neuf heures."},
		{path: "feed.jsonl#4", err: "line 4: invalid JSON"},
		{path: "feed.jsonl#5", err: `line 5: missing "text"`},
		{path: "feed.jsonl#6", err: `line 6: missing "id"`},
		{path: "feed.jsonl#7", err: "line 7: empty article"},
		{path: "feed.jsonl#8", err: `line 8: "id" must be a string or a number`},
		{path: "feed.jsonl#9", id: "a8", text: "Fin de ligne Windows."},
		{path: "feed.jsonl#10", id: "a9", text: "Dernière ligne sans retour."},
	}
	if len(ins) != len(want) {
		t.Fatalf("got %d inputs, want %d: %+v", len(ins), len(want), ins)
	}
	for i, w := range want {
		in := ins[i]
		if in.Path != w.path {
			t.Errorf("%d: path %q, want %q", i, in.Path, w.path)
		}
		if w.err != "" {
			if in.Err == nil || !strings.HasPrefix(in.Err.Error(), w.err) {
				t.Errorf("%d: err %v, want prefix %q", i, in.Err, w.err)
			}
			continue
		}
		if in.Err != nil {
			t.Errorf("%d: unexpected error %v", i, in.Err)
			continue
		}
		if in.Doc.ID != w.id || in.Doc.Text != w.text {
			t.Errorf("%d: id %q text %q, want %q %q", i, in.Doc.ID, in.Doc.Text, w.id, w.text)
		}
	}
	d := ins[0].Doc
	if d.Title != "Grève au port" || d.URL != "https://x.example/a1" || d.Lang != "fr" {
		t.Errorf("fields: %+v", d)
	}
}

func TestStreamJSONLLongLine(t *testing.T) {
	defer func(n int) { maxJSONLLine = n }(maxJSONLLine)
	maxJSONLLine = 100
	long := `{"id": "long", "text": "` + strings.Repeat("mot ", 200) + `"}`
	data := `{"id": "a", "text": "Avant."}` + "\n" + long + "\n" + `{"id": "b", "text": "Après."}`
	ins := ReadJSONL("l.jsonl", []byte(data))
	if len(ins) != 3 || ins[0].Err != nil || ins[2].Err != nil {
		t.Fatalf("got %+v", ins)
	}
	if ins[1].Err == nil || !strings.Contains(ins[1].Err.Error(), "line 2: line longer than 100 bytes") {
		t.Errorf("long line: %v", ins[1].Err)
	}
}

func TestInputsStreamsJSONLFromFileAndStdin(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.jsonl")
	data := `{"id": "1", "text": "Un."}` + "\n" + `pas du json` + "\n" + `{"id": "2", "text": "Deux."}` + "\n"
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	collect := func(path string) []audit.Input {
		var out []audit.Input
		for in := range Inputs(path, strings.NewReader(data), ".jsonl") {
			out = append(out, in)
		}
		return out
	}
	for _, path := range []string{p, "-"} {
		ins := collect(path)
		if len(ins) != 3 || ins[0].Doc == nil || ins[1].Err == nil || ins[2].Doc == nil {
			t.Fatalf("%s: %+v", path, ins)
		}
		if ins[2].Doc.Path != path+"#3" {
			t.Errorf("path %q", ins[2].Doc.Path)
		}
	}
	// Early stop is honoured.
	n := 0
	for range Inputs(p, nil, "") {
		n++
		break
	}
	if n != 1 {
		t.Errorf("n = %d", n)
	}
	// Missing file and empty file are error inputs.
	if ins := collect(filepath.Join(dir, "none.jsonl")); len(ins) != 1 || ins[0].Err == nil {
		t.Errorf("missing: %+v", ins)
	}
	empty := filepath.Join(dir, "e.jsonl")
	os.WriteFile(empty, []byte("\n\n"), 0o644)
	if ins := collect(empty); len(ins) != 1 || ins[0].Err == nil {
		t.Errorf("empty: %+v", ins)
	}
	// Other formats go through audit.ReadPath.
	txt := filepath.Join(dir, "b.txt")
	os.WriteFile(txt, []byte("Bonjour."), 0o644)
	if ins := collect(txt); len(ins) != 1 || ins[0].Doc == nil || ins[0].Doc.Text != "Bonjour." {
		t.Errorf("txt: %+v", ins)
	}
}
