package audit

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestArticleSizeLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("mot "), 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	ins := ReadPathWith(big, ReadOptions{MaxArticleBytes: 1000})
	var tl *TooLargeError
	if len(ins) != 1 || !errors.As(ins[0].Err, &tl) || tl.What != "article" || tl.Size != 4000 {
		t.Fatalf("over the limit: %+v", ins)
	}
	if !strings.Contains(ins[0].Err.Error(), "--max-article-bytes") {
		t.Errorf("the error does not say how to raise the limit: %v", ins[0].Err)
	}
	if ins := ReadPathWith(big, ReadOptions{MaxArticleBytes: 4000}); ins[0].Err != nil {
		t.Fatalf("at the limit: %v", ins[0].Err)
	}
	if ins := ReadPathWith(big, ReadOptions{MaxArticleBytes: -1}); ins[0].Err != nil {
		t.Fatalf("no limit: %v", ins[0].Err)
	}
	// Standard input is read only up to the limit.
	stdin := strings.NewReader(strings.Repeat("mot ", 1000))
	ins = ReadPathWith("-", ReadOptions{Stdin: stdin, MaxArticleBytes: 1000})
	if len(ins) != 1 || !errors.As(ins[0].Err, &tl) || stdin.Len() != 3000-1 {
		t.Fatalf("stdin over the limit: %+v, %d bytes left unread", ins, stdin.Len())
	}
	if DefaultMaxArticleBytes < 1<<20 || (ReadOptions{}).ArticleLimit() != DefaultMaxArticleBytes {
		t.Errorf("default limit %d", (ReadOptions{}).ArticleLimit())
	}
}

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// TestUTF16IsDecoded: UTF-16 text with a byte-order mark is read as text
// (not "binary data"), the Note says the offsets are into the decoded text;
// other encodings are named in the error.
func TestUTF16IsDecoded(t *testing.T) {
	const text = "L’État promet 12,5 € aux « communes » 𝄞.\r\nSuite."
	for _, be := range []bool{false, true} {
		ins := ReadText("a.txt", utf16Bytes(text, be))
		if len(ins) != 1 || ins[0].Err != nil {
			t.Fatalf("big-endian %v: %+v", be, ins)
		}
		d := ins[0].Doc
		if d.Text != text || !strings.Contains(d.Note, "UTF-16") || !strings.Contains(d.Note, "offsets") {
			t.Errorf("big-endian %v: text %q note %q", be, d.Text, d.Note)
		}
	}
	for in, want := range map[string]string{
		string(utf16Bytes("abc", false)[:5]): "odd number of bytes",
		"\xff\xfe\x00\xd8a\x00":              "unpaired surrogate",
		"\xff\xfe\x00\x00a\x00\x00\x00":      "UTF-32LE",
		"\x00\x00\xfe\xff\x00\x00\x00a":      "UTF-32BE",
	} {
		ins := ReadText("b.txt", []byte(in))
		if len(ins) != 1 || ins[0].Err == nil || !strings.Contains(ins[0].Err.Error(), want) || errors.Is(ins[0].Err, ErrBinary) {
			t.Errorf("%q: %+v, want an error naming %q", in, ins, want)
		}
	}
	// Called directly, NewDocument names the encoding instead of "binary".
	if _, err := NewDocument("c.txt", utf16Bytes("Bonjour", false)); err == nil || !strings.Contains(err.Error(), "UTF-16LE") {
		t.Errorf("NewDocument on UTF-16: %v", err)
	}
}
