package readers

import (
	"strings"
	"testing"

	"github.com/mtaudit/mtaudit/audit"
)

const pageWithArticle = `<!doctype html>
<html lang="fr"><head>
<meta charset="utf-8">
<title>Le port de Brévanne rouvre | Gazette du Littoral</title>
<meta property="og:title" content="Le port de Brévanne rouvre ses quais">
<link rel="canonical" href="https://gazette.example/port-brevanne">
<script>var tracking = "ne pas lire";</script>
</head><body>
<header><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav></header>
<article>
  <h1>Le port de Brévanne rouvre ses quais</h1>
  <p>Les dockers ont repris le travail <a href="#">lundi matin</a> après trois semaines de grève.</p>
  <div class="share">Partager&nbsp;: <a>Courriel</a> <a>Imprimer</a></div>
  <p>Le syndicat a obtenu une hausse des primes de nuit.<br>La direction parle d'un accord « équilibré ».</p>
  <p><a href="/autre">LIRE AUSSI  Les pêcheurs inquiets du prix du gazole</a></p>
  <figure><img src="quai.jpg" alt="photo"><figcaption>Les grues du quai nord, mardi.</figcaption></figure>
  <script>document.write("publicité")</script>
  <div hidden>Texte caché aux lecteurs</div>
  <div style="display: none">Autre texte caché</div>
</article>
<aside><p>Les plus lus : un chat sauve un pompier.</p></aside>
<footer><p>© Gazette du Littoral, tous droits réservés.</p></footer>
</body></html>`

func TestReadHTMLKeepsInBodyFurniture(t *testing.T) {
	ins := ReadHTML("page.html", []byte(pageWithArticle))
	if len(ins) != 1 || ins[0].Err != nil {
		t.Fatalf("ReadHTML = %+v", ins)
	}
	d := ins[0].Doc
	want := strings.Join([]string{
		"Le port de Brévanne rouvre ses quais",
		"Les dockers ont repris le travail lundi matin après trois semaines de grève.",
		"Partager\u00a0: Courriel Imprimer",
		"Le syndicat a obtenu une hausse des primes de nuit.\nLa direction parle d'un accord « équilibré ».",
		"LIRE AUSSI Les pêcheurs inquiets du prix du gazole",
		"Les grues du quai nord, mardi.",
	}, "\n\n")
	if d.Text != want {
		t.Errorf("text:\n%q\nwant\n%q", d.Text, want)
	}
	for _, gone := range []string{"Accueil", "tracking", "publicité", "caché", "Les plus lus", "droits réservés"} {
		if strings.Contains(d.Text, gone) {
			t.Errorf("text keeps %q from outside the article or invisible", gone)
		}
	}
	if d.Title != "Le port de Brévanne rouvre ses quais" {
		t.Errorf("title = %q", d.Title)
	}
	if d.URL != "https://gazette.example/port-brevanne" {
		t.Errorf("url = %q", d.URL)
	}
	if !strings.Contains(d.Note, "extracted from HTML") || !strings.Contains(d.Note, "<article>") || !strings.Contains(d.Note, "offsets") {
		t.Errorf("note = %q", d.Note)
	}
	if len(d.Paragraphs) != 6 {
		t.Errorf("paragraphs = %d, want 6", len(d.Paragraphs))
	}
	// Offsets address the extracted text.
	i := strings.Index(d.Text, "LIRE AUSSI")
	if p := d.ParagraphAt(i); p != 4 {
		t.Errorf("LIRE AUSSI in paragraph %d, want 4", p)
	}
}

func TestReadHTMLWithoutSemanticContainer(t *testing.T) {
	page := `<html><body>
<div id="menu"><ul><li>Politique</li><li>Sport</li></ul></div>
<div id="contenu">
  <div class="chapo"><p>Le conseil municipal a voté le budget du nouveau gymnase après un long débat.</p></div>
  <div class="pub">CLIQUEZ ICI POUR TÉLÉCHARGER NOTRE APPLICATION</div>
  <div class="suite"><p>L'opposition dénonce un coût trop élevé et réclame une étude indépendante sur le chantier.</p>
  <p>Le maire promet une ouverture à la rentrée, sans hausse des impôts locaux.</p></div>
</div>
<div id="pied"><p>Mentions légales</p></div>
</body></html>`
	ins := ReadHTML("p.htm", []byte(page))
	if len(ins) != 1 || ins[0].Err != nil {
		t.Fatalf("ReadHTML = %+v", ins)
	}
	d := ins[0].Doc
	for _, keep := range []string{"budget du nouveau gymnase", "CLIQUEZ ICI POUR TÉLÉCHARGER", "étude indépendante", "sans hausse des impôts"} {
		if !strings.Contains(d.Text, keep) {
			t.Errorf("text lacks %q:\n%s", keep, d.Text)
		}
	}
	for _, gone := range []string{"Politique", "Mentions légales"} {
		if strings.Contains(d.Text, gone) {
			t.Errorf("text keeps %q from outside the article", gone)
		}
	}
	if !strings.Contains(d.Note, "element holding the paragraphs") {
		t.Errorf("note = %q", d.Note)
	}
}

func TestReadHTMLTeaserArticleIsNotTheBody(t *testing.T) {
	page := `<html><body><main>
<p>Un long article sur la rénovation de la gare centrale, ses retards et son budget qui dérape encore.</p>
<p>Les usagers patientent depuis deux ans dans des locaux provisoires mal chauffés.</p>
</main><section><article><p>Brève : un bus en panne.</p></article></section></body></html>`
	d := ReadHTML("t.html", []byte(page))[0].Doc
	if d == nil || !strings.Contains(d.Text, "gare centrale") || strings.Contains(d.Text, "bus en panne") {
		t.Fatalf("picked the wrong container: %+v", d)
	}
}

func TestReadHTMLCharset(t *testing.T) {
	page := []byte("<html><head><meta charset=\"iso-8859-1\"></head><body><p>L'\xe9t\xe9 sera chaud \xe0 Lyon.</p></body></html>")
	ins := ReadHTML("l.html", page)
	if ins[0].Err != nil || ins[0].Doc.Text != "L'été sera chaud à Lyon." {
		t.Fatalf("got %+v", ins[0])
	}
}

func TestReadHTMLErrors(t *testing.T) {
	for name, page := range map[string]string{
		"empty body": "<html><body><script>x()</script></body></html>",
		"binary":     "<html>\x00\x01\x02</html>",
		"nothing":    "",
	} {
		ins := ReadHTML("e.html", []byte(page))
		if len(ins) != 1 || ins[0].Err == nil || ins[0].Doc != nil {
			t.Errorf("%s: want one error input, got %+v", name, ins)
		}
	}
}

func TestRegisteredExtensions(t *testing.T) {
	for _, ext := range []string{".html", ".htm", ".jsonl", ".xml", ".rss", ".atom", ".HTML"} {
		if _, ok := audit.ReaderFor("a" + ext); !ok {
			t.Errorf("no reader for %s", ext)
		}
	}
}
