package lang

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit/lexicon"
	"github.com/mtaudit/mtaudit/audit/profile"
	"github.com/mtaudit/mtaudit/internal/corpusgen"
)

func TestCheapDecidesPlainProse(t *testing.T) {
	cases := map[string]string{
		"Le conseil municipal a adopté le budget et les élus ont voté pour la réforme des transports dans la ville.": "fr",
		"The council adopted the budget and the members voted for the reform of the transport network in the city.":  "en",
	}
	for text, want := range cases {
		if got, ok := Cheap(text); !ok || got != want {
			t.Errorf("Cheap(%q) = %q, %v; want %q, true", text, got, ok, want)
		}
	}
	if _, ok := Cheap("Bonjour"); ok {
		t.Error("Cheap should not decide on one word")
	}
}

// The function words come from the profiles: a language added as a file
// is told apart by the cheap test with no Go change.
func TestFunctionWordsComeFromProfiles(t *testing.T) {
	fsys := fstest.MapFS{"p/sv.yaml": {Data: []byte("lang: sv\nname: Swedish\ntarget: true\nwords:\n  function: [och, att, det, som, inte, för, med, på, är, av, har]\n")}}
	reg, err := profile.MustBuiltin().With(fsys, "p")
	if err != nil {
		t.Fatal(err)
	}
	d := ForProfiles(reg)
	text := "Kommunfullmäktige har beslutat att det nya spårvägsnätet som inte är klart ska byggas med pengar från staten och för regionen."
	if got, ok := d.Cheap(text); !ok || got != "sv" {
		t.Errorf("Cheap with a Swedish profile = %q, %v; want sv, true", got, ok)
	}
	if got, ok := Default().Cheap(text); ok && got == "sv" {
		t.Error("the built-in detector knows no Swedish function words")
	}
	if d.Name("sv") != "Swedish" || d.Name("nl") != "Dutch" || d.Name("qq") != "qq" {
		t.Errorf("names: %q %q %q", d.Name("sv"), d.Name("nl"), d.Name("qq"))
	}
	if ForProfiles(reg) != d {
		t.Error("a registry's detector is built once")
	}
}

func TestLinguaOnShortSnippets(t *testing.T) {
	for text, want := range map[string]string{
		"border checks":            "en",
		"contrôles aux frontières": "fr",
		"The council voted today.": "en",
		"Le conseil a voté mardi.": "fr",
	} {
		if got := Lingua(text); got != want {
			t.Errorf("Lingua(%q) = %q, want %q", text, got, want)
		}
	}
}

// Languages without a profile are still named, so that an article in one
// is reported as such instead of being audited as the nearest target.
func TestDocumentNamesLanguagesWithoutProfile(t *testing.T) {
	for want, text := range map[string]string{
		"nl": "De gemeenteraad heeft dinsdag ingestemd met een nieuwe tramlijn die de noordelijke wijken met het centraal station zal verbinden. De bouw begint volgend voorjaar en de eerste trams rijden in 2028, aldus de wethouder.",
		"id": "Dewan kota pada hari Selasa menyetujui jalur trem baru yang akan menghubungkan pinggiran utara dengan stasiun pusat. Pembangunan akan dimulai musim semi mendatang dan trem pertama dijadwalkan beroperasi pada 2028.",
		"de": "Der Stadtrat hat am Dienstag eine neue Straßenbahnlinie beschlossen, die die nördlichen Vororte mit dem Hauptbahnhof verbinden soll. Der Bau beginnt im kommenden Frühjahr, die ersten Bahnen sollen 2028 fahren.",
		"en": "The city council voted on Tuesday to approve a new tram line that will connect the northern suburbs with the central station. Construction should begin next spring and the first trams are due to run in 2028.",
	} {
		if got := Document(text); got != want {
			t.Errorf("Document(%.40q…) = %q, want %q", text, got, want)
		}
		if got := Default().Document(text, "fr"); got != want {
			t.Errorf("Document(%.40q…, prefer fr) = %q, want %q", text, got, want)
		}
	}
}

func TestDocumentNeedsEvidence(t *testing.T) {
	if got := Document("12 34 56"); got != "" {
		t.Errorf("Document of digits = %q, want \"\" (nothing to go on)", got)
	}
	long := strings.Repeat("Le conseil a voté la réforme des retraites. ", 400)
	if got := Document(long); got != "fr" {
		t.Errorf("Document of long French = %q", got)
	}
}

func TestDocumentStaysFrenchOnWeakEvidence(t *testing.T) {
	for _, text := range []string{
		"Le ministre a promis des [job guarantees].\n\nPartager: Facebook Twitter\n",
		"Apple Watch Series 9 : le test",
	} {
		if got := Document(text); got != "fr" {
			t.Errorf("Document(%q) = %q, want fr", text, got)
		}
		if got := Default().Document(text, "fr"); got != "fr" {
			t.Errorf("Document(%q, prefer fr) = %q, want fr", text, got)
		}
	}
	english := "The council adopted the budget on Tuesday and the members voted for the reform of the transport network in the city, which will be built by 2027."
	if got := Document(english); got != "en" {
		t.Errorf("an English article: Document = %q, want en", got)
	}
}

// When unsure, the preferred language wins over a weak guess of another:
// a headline-like text with no function words at all.
func TestDocumentPrefersTheTargetWhenUnsure(t *testing.T) {
	text := "Tour de France 2026 : Pogačar, Vingegaard, Evenepoel"
	if got := Default().Document(text, "fr"); got != "fr" {
		t.Errorf("Document(%q, prefer fr) = %q, want fr", text, got)
	}
}

// Scores must count exactly what Tokens splits, whatever the text.
func TestScoresMatchesTokens(t *testing.T) {
	d := Default()
	for _, text := range []string{
		"", "Le Conseil d'État et LES élus", "l’armée—qui?? THE end.", "Übermäßig große Straßenbahnen und die Stadt",
		"anticonstitutionnellement-extraordinairementlongmotquidépasselatamponlimite et le", "ÉTÉ été Été", "x\u00a0y\u202fle",
	} {
		got, n := Scores(text)
		want := map[string]int{}
		toks := Tokens(text)
		for _, tok := range toks {
			langs, _ := d.wordLang.Get(tok)
			for _, l := range langs {
				want[d.langs[l]]++
			}
		}
		if n != len(toks) || len(got) != len(want) {
			t.Errorf("Scores(%q) = %v, %d; Tokens gives %v, %d", text, got, n, want, len(toks))
			continue
		}
		for l, c := range want {
			if got[l] != c {
				t.Errorf("Scores(%q)[%s] = %d, want %d", text, l, got[l], c)
			}
		}
	}
}

// An article whose opening alone was translated is in the language of the
// rest: the whole text's function words decide when they are sure.
func TestDocumentReadsTheWholeText(t *testing.T) {
	fr := strings.Repeat("Le conseil municipal a approuvé mardi une nouvelle ligne de tramway qui reliera les quartiers nord à la gare centrale. ", 20)
	en := strings.Repeat("The project is expected to cost around 240 million euros and will be financed by the region and the government. ", 80)
	if len(fr) <= documentHead {
		t.Fatalf("the translated opening (%d bytes) must fill the head Document reads", len(fr))
	}
	if got := Default().Document(fr+"\n\n"+en, "fr"); got != "en" {
		t.Errorf("French opening, English body: Document = %q, want en", got)
	}
	if got := Default().Document(fr+"\n\n"+en[:len(en)/8], "fr"); got != "fr" {
		t.Errorf("French article with an English passage: Document = %q, want fr", got)
	}
}

func TestBetweenAndName(t *testing.T) {
	if got := Between("the minister said that it would", "de", "en"); got != "en" {
		t.Errorf("Between(English, de, en) = %q", got)
	}
	if got := Between("der Minister sagte, dass es", "de", "en"); got != "de" {
		t.Errorf("Between(German, de, en) = %q", got)
	}
	if got := Between("text", "xx", "en"); got != "" {
		t.Errorf("Between with an unsupported language = %q, want \"\"", got)
	}
	if Name("nl") != "Dutch" || Name("xx") != "xx" {
		t.Errorf("Name(nl) = %q, Name(xx) = %q", Name("nl"), Name("xx"))
	}
	if !Short("a few words") || Short(strings.Repeat("word ", 40)) {
		t.Error("Short misjudges")
	}
}

// scoreHead counts as two scans would, whatever word the cut ends.
func TestScoreHeadMatchesScore(t *testing.T) {
	d := Default()
	for _, text := range []string{
		"", "Le Conseil d'État et LES élus", "l’armée—qui?? THE end.", "Übermäßig große Straßenbahnen und die Stadt",
		"anticonstitutionnellement-extraordinairementlongmotquidépasselatamponlimite et le", "ÉTÉ été Été", "x\u00a0y\u202fle",
	} {
		for cut := 0; cut <= len(text); cut++ {
			if cut < len(text) && !utf8.RuneStart(text[cut]) {
				continue
			}
			all, h := d.scoreHead(text, cut)
			if want := d.score(text); !slices.Equal(all.all, want.all) || !slices.Equal(all.own, want.own) || all.n != want.n {
				t.Errorf("scoreHead(%q, %d) all = %v, want %v", text, cut, all, want)
			}
			if want := d.score(text[:cut]); !slices.Equal(h.all, want.all) || !slices.Equal(h.own, want.own) || h.n != want.n {
				t.Errorf("scoreHead(%q, %d) head = %v, want %v", text, cut, h, want)
			}
		}
	}
}

// referenceScore is score written plainly: every maximal run of letters
// is a token, lower-cased rune by rune, and looked up when the scanner's
// buffer holds it (each rune added to at most len(buf)-UTFMax bytes).
func referenceScore(d *Detector, text string) wordScores {
	d.load()
	ws := d.newScores()
	var word []byte
	long := false
	end := func() {
		if len(word) == 0 && !long {
			return
		}
		ws.n++
		if !long && len(word) <= d.maxWord {
			langs, _ := d.wordLang.GetBytes(word)
			for _, l := range langs {
				ws.all[l]++
			}
			if len(langs) == 1 {
				ws.own[langs[0]]++
			}
		}
		word, long = word[:0], false
	}
	for _, r := range text {
		if !unicode.IsLetter(r) {
			end()
			continue
		}
		if long {
			continue
		}
		if len(word)+utf8.UTFMax > 32 {
			long = true
			continue
		}
		word = utf8.AppendRune(word, unicode.ToLower(r))
	}
	end()
	return ws
}

func TestScoreMatchesReference(t *testing.T) {
	d := Default()
	pieces := []string{
		"le", "Le", "LES", "the", "The", "de", "und", "heeft", "été", "Été", "l’", "d'", "qu’il", "armée",
		"Straße", "ÜBER", "x", "anticonstitutionnellementextraordinaire", "abcdefghijklmnopqrstuvwxyzabc",
		"abcdefghijklmnopqrstuvwxyzabcd", "abcdefghijklmnopqrstuvwxyzabcé", "éabcdefghijklmnopqrstuvwxyzab",
		" ", "  ", ", ", ".", "-", "\u00a0", "\u202f", "—", "«", "»", "1999", "\n", "İ", "ǅ",
		"À", "à", "OÙ", "où", "×", "÷", "ÿ", "Ÿ", "ß", "ÉTÉ",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		want := referenceScore(d, text)
		got := d.score(text)
		if !slices.Equal(got.all, want.all) || !slices.Equal(got.own, want.own) || got.n != want.n {
			t.Fatalf("score(%q) = %v, want %v", text, got, want)
		}
		cut := rng.IntN(len(text) + 1)
		for cut < len(text) && !utf8.RuneStart(text[cut]) {
			cut++
		}
		all, h := d.scoreHead(text, cut)
		wantHead := referenceScore(d, text[:cut])
		if !slices.Equal(all.all, want.all) || all.n != want.n || !slices.Equal(h.all, wantHead.all) || !slices.Equal(h.own, wantHead.own) || h.n != wantHead.n {
			t.Fatalf("scoreHead(%q, %d) = %v, %v; want %v, %v", text, cut, all, h, want, wantHead)
		}
	}
}

// TestLatin1Lower: the shortcut agrees with the Unicode tables on every
// rune it reads, and reads no other.
func TestLatin1Lower(t *testing.T) {
	for r := rune(0x80); r < 0x800; r++ {
		s := string(r)
		l, ok := latin1Lower(s, 0)
		if want := r >= 0xC0 && r <= 0xFF; ok != want {
			t.Fatalf("latin1Lower(%U) ok = %v", r, ok)
		}
		if !ok {
			continue
		}
		want := rune(0)
		if unicode.IsLetter(r) {
			want = unicode.ToLower(r)
		}
		if l != want {
			t.Errorf("latin1Lower(%U) = %U, want %U", r, l, want)
		}
	}
	for _, bad := range []string{"\xc3", "\xc3x"} {
		if _, ok := latin1Lower(bad, 0); ok {
			t.Errorf("latin1Lower(%q) ok", bad)
		}
	}
}

// The scan counts as the plain reference on the real articles of
// ../shared, where present, cut anywhere for the head.
func TestScoreMatchesReferenceReal(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	texts, err := corpusgen.ReadArticles([]string{
		filepath.Join(shared, "corpus", "seeds"),
		filepath.Join(shared, "bench", "wmt-fr-news-human", "fr_news_human.tsv"),
		filepath.Join(shared, "bench", "wmt-defr-mt-news", "defr_mt_outputs.tsv"),
	})
	if err != nil {
		t.Skip("no real corpus in ../shared: ", err)
	}
	d := Default()
	for _, text := range texts {
		want := referenceScore(d, text)
		cut := len(head(text, documentHead))
		all, h := d.scoreHead(text, cut)
		wantHead := referenceScore(d, text[:cut])
		if !slices.Equal(all.all, want.all) || !slices.Equal(all.own, want.own) || all.n != want.n ||
			!slices.Equal(h.all, wantHead.all) || !slices.Equal(h.own, wantHead.own) || h.n != wantHead.n {
			t.Fatalf("scoreHead(%.60q…) = %v, %v; want %v, %v", text, all, h, want, wantHead)
		}
	}
}

// The block counts hold for any number of languages: more than eight
// (several lanes of counters) and more than the counters hold (none).
func TestScoreManyLanguages(t *testing.T) {
	words := []string{"le", "la", "de", "the", "und", "été", "à", "où", "zwischen", "aujourd", "hui", "ab", "x", "quelques", "nevertheless"}
	for _, nl := range []int{1, 8, 9, 20, 33, 40} {
		rng := rand.New(rand.NewPCG(uint64(nl), 7))
		d := &Detector{}
		d.once.Do(func() {}) // the tables are set here
		wordLang := map[string][]uint16{}
		for i := range nl {
			d.langs = append(d.langs, fmt.Sprintf("l%02d", i))
		}
		for _, w := range words {
			for range 1 + rng.IntN(3) {
				wordLang[w] = append(wordLang[w], uint16(rng.IntN(nl)))
			}
			slices.Sort(wordLang[w])
			wordLang[w] = slices.Compact(wordLang[w])
			d.maxWord = max(d.maxWord, len(w))
		}
		d.wordLang = lexicon.NewTable(wordLang)
		d.short = newShortTable(wordLang, nl)
		var b strings.Builder
		for range 2000 { // past the counters' 255 words
			w := words[rng.IntN(len(words))]
			if rng.IntN(2) == 0 {
				w = strings.ToUpper(w)
			}
			b.WriteString(w + [...]string{" ", ", ", "’", "-", "\n"}[rng.IntN(5)])
		}
		text := b.String()
		want, got := referenceScore(d, text), d.score(text)
		if !slices.Equal(got.all, want.all) || !slices.Equal(got.own, want.own) || got.n != want.n {
			t.Fatalf("%d languages: score = %v, want %v", nl, got, want)
		}
	}
}

// The block scan counts as the plain reference on any input, invalid
// UTF-8 and words cut at the end of the text included, whole and cut
// for the head at any rune boundary.
func FuzzScoreMatchesReference(f *testing.F) {
	for _, s := range []string{"", "le chat", "Aujourd’hui, où été-là", "THE Quick\xffbrown", "ÀÉÎõü straße ΣΑΣ", strings.Repeat("de la ", 300)} {
		f.Add(s, uint16(3))
	}
	d := Default()
	f.Fuzz(func(t *testing.T, text string, cut uint16) {
		want, got := referenceScore(d, text), d.score(text)
		if !slices.Equal(got.all, want.all) || !slices.Equal(got.own, want.own) || got.n != want.n {
			t.Fatalf("score(%q) = %v, want %v", text, got, want)
		}
		c := len(head(text, int(cut))) // scoreHead's callers cut on a rune boundary
		all, h := d.scoreHead(text, c)
		wantHead := referenceScore(d, text[:c])
		if !slices.Equal(all.all, want.all) || all.n != want.n || !slices.Equal(h.all, wantHead.all) || !slices.Equal(h.own, wantHead.own) || h.n != wantHead.n {
			t.Fatalf("scoreHead(%q, %d) = %v, %v; want %v, %v", text, c, all, h, want, wantHead)
		}
	})
}
