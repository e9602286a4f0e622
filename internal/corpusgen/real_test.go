package corpusgen

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestReadArticlesTSVGroupsDocumentsAndIgnoresQuotes(t *testing.T) {
	dir := t.TempDir()
	tsv := filepath.Join(dir, "x.tsv")
	data := "testset\tsystem\tdoc_id\tseg_id\ttext\n" +
		"t\tA\td1\t1\t\"Quoted start\n" +
		"t\tA\td1\t2\tsecond\n" +
		"t\tB\td1\t1\tother system\n" +
		"t\tA\td2\t1\tdoc two\n"
	if err := os.WriteFile(tsv, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadArticles([]string{tsv})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"\"Quoted start\n\nsecond\n", "other system\n", "doc two\n"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestReplicateRotatesParagraphs(t *testing.T) {
	got := Replicate([]string{"a\n\nb\n\nc\n", "x\n"}, 5)
	want := []string{"a\n\nb\n\nc\n", "x\n", "b\n\nc\n\na\n", "x\n", "c\n\na\n\nb\n"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
