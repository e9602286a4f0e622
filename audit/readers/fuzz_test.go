package readers

import (
	"testing"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
)

// checkInputs holds for any reader output: each input is a document or an
// error, and a document's structure stays inside its text.
func checkInputs(t *testing.T, ins []audit.Input) {
	t.Helper()
	for _, in := range ins {
		if (in.Doc == nil) == (in.Err == nil) {
			t.Fatalf("input must hold a document or an error: %+v", in)
		}
		if in.Doc == nil {
			continue
		}
		d := in.Doc
		if !utf8.ValidString(d.Text) {
			t.Fatalf("text not UTF-8: %q", d.Text)
		}
		for _, p := range d.Paragraphs {
			if p.Start < 0 || p.End > len(d.Text) || p.Start > p.End {
				t.Fatalf("paragraph %v outside text of %d bytes", p.Span, len(d.Text))
			}
		}
	}
}

func FuzzReadHTML(f *testing.F) {
	f.Add([]byte(pageWithArticle))
	f.Add([]byte("<p>un<br>deux</p><pre>a\n b</pre><table><tr><td>x</td><td>y</td></tr></table>"))
	f.Add([]byte("<html><head><meta charset=\"shift_jis\"></head><body><p>\x82\xa0</p>"))
	f.Fuzz(func(t *testing.T, data []byte) { checkInputs(t, ReadHTML("f.html", data)) })
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id": "1", "text": "Un."}` + "\n" + `{"id": 2, "text": "Deux."}`))
	f.Add([]byte("{\"id\":\"x\",\"text\":\"\\u0000\"}\r\n\n{"))
	f.Fuzz(func(t *testing.T, data []byte) { checkInputs(t, ReadJSONL("f.jsonl", data)) })
}

func FuzzReadFeed(f *testing.F) {
	f.Add([]byte(rssFeed))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><content type="xhtml"><div>a</div></content></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) { checkInputs(t, ReadFeed("f.xml", data)) })
}
