package readers

import (
	"strings"
	"testing"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Dépêches</title><link>https://depeches.example</link><language>fr</language>
<item>
  <title>Crue de la &lt;b&gt;Garonne&lt;/b&gt;</title>
  <link>https://depeches.example/crue</link>
  <guid isPermaLink="false">crue-2031</guid>
  <description>Résumé court.</description>
  <content:encoded><![CDATA[<p>Le fleuve a débordé dans la nuit.</p><p>Partager : <a href="#">Courriel</a></p><p>Les pompiers ont évacué <b>trente</b> familles.</p>]]></content:encoded>
</item>
<item>
  <title>Marché de Noël</title>
  <link>https://depeches.example/noel</link>
  <description>&lt;p&gt;Les chalets ouvrent samedi.&lt;/p&gt;&lt;p&gt;LIRE AUSSI : les bonnes adresses&lt;/p&gt;</description>
</item>
<item><title>Vide</title><guid>vide</guid><description>  </description></item>
</channel></rss>`

func TestReadFeedRSS(t *testing.T) {
	ins := ReadFeed("d.rss", []byte(rssFeed))
	if len(ins) != 3 {
		t.Fatalf("got %d inputs: %+v", len(ins), ins)
	}
	a, b, c := ins[0], ins[1], ins[2]
	if a.Err != nil || b.Err != nil {
		t.Fatalf("errors: %v %v", a.Err, b.Err)
	}
	if a.Doc.ID != "crue-2031" || a.Doc.Path != "d.rss#1" || a.Doc.URL != "https://depeches.example/crue" {
		t.Errorf("item 1: %+v", a.Doc)
	}
	if want := "Le fleuve a débordé dans la nuit.\n\nPartager : Courriel\n\nLes pompiers ont évacué trente familles."; a.Doc.Text != want {
		t.Errorf("item 1 text %q", a.Doc.Text)
	}
	if !strings.Contains(a.Doc.Note, "content") || !strings.Contains(a.Doc.Note, "offsets") {
		t.Errorf("note %q", a.Doc.Note)
	}
	if a.Doc.Title != "Crue de la Garonne" {
		t.Errorf("title %q", a.Doc.Title)
	}
	if b.Doc.ID != "https://depeches.example/noel" || b.Doc.Text != "Les chalets ouvrent samedi.\n\nLIRE AUSSI : les bonnes adresses" {
		t.Errorf("item 2: id %q text %q", b.Doc.ID, b.Doc.Text)
	}
	if !strings.Contains(b.Doc.Note, "description") {
		t.Errorf("note %q", b.Doc.Note)
	}
	if c.Err == nil || !strings.Contains(c.Err.Error(), "item 3") || c.Path != "d.rss#3" {
		t.Errorf("item 3: %+v", c)
	}
}

func TestReadFeedAtom(t *testing.T) {
	atom := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Chroniques</title><id>urn:chroniques</id>
<entry><title>La rentrée</title><id>urn:chroniques:1</id><link href="https://c.example/1"/>
<content type="html">&lt;p&gt;Les écoles rouvrent lundi.&lt;/p&gt;&lt;p&gt;Les parents attendent.&lt;/p&gt;</content></entry>
</feed>`
	ins := ReadFeed("c.atom", []byte(atom))
	if len(ins) != 1 || ins[0].Err != nil {
		t.Fatalf("%+v", ins)
	}
	d := ins[0].Doc
	if d.ID != "urn:chroniques:1" || d.Text != "Les écoles rouvrent lundi.\n\nLes parents attendent." || d.URL != "https://c.example/1" {
		t.Errorf("%+v", d)
	}
}

func TestReadFeedErrors(t *testing.T) {
	for name, data := range map[string]string{
		"not a feed": "<html><body>page</body></html>",
		"no items":   `<rss version="2.0"><channel><title>x</title></channel></rss>`,
		"binary":     "\x00\x01",
	} {
		ins := ReadFeed("f.xml", []byte(data))
		if len(ins) != 1 || ins[0].Err == nil {
			t.Errorf("%s: %+v", name, ins)
		}
	}
}
