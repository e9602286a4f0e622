// Package corpusgen writes synthetic French news articles with injected MT
// artifacts of every category, and gold annotations for them, from a seed.
// The same seed and index always give the same article, so benchmarks and
// tests are reproducible without storing a corpus.
//
// The text is the generator's own (vocab.go): invented people and places,
// templates about local public life. It is meant for throughput and
// robustness work, not for judging detection quality on real MT output.
package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Categories lists what the generator injects (the nine of the spec).
var Categories = []string{
	"untranslated", "mistranslation", "negation", "name", "grammar",
	"garbled", "scraped", "duplicate", "typography",
}

// Gold is the sidecar annotation format of shared/spec/findings.md.
type Gold struct {
	Lang     string        `json:"lang"`
	Findings []GoldFinding `json:"findings"`
}

// GoldFinding is one injected artifact.
type GoldFinding struct {
	Category   string `json:"category"`
	Quote      string `json:"quote"`
	Occurrence int    `json:"occurrence,omitempty"`
}

// Article is one generated article.
type Article struct {
	ID    string
	Title string
	Text  string
	Gold  Gold
}

// Generator makes articles from a seed.
type Generator struct{ seed uint64 }

// New returns a generator for seed.
func New(seed uint64) *Generator { return &Generator{seed: seed} }

// nbsp is the no-break space French typography puts inside « » and
// before : ; ! ? — clean text uses it throughout, and the straight
// apostrophe only, so that a curly one is an injected inconsistency.
const nbsp = "\u00a0"

type seg struct {
	text string
	cat  string // "" for clean text
}

type para []seg

type person struct{ first, last, role string }

func (p person) full() string { return p.first + " " + p.last }

// Article returns article i. About one article in seven is clean; the
// others get two to five artifacts, each category equally likely, so a
// corpus of a few dozen articles holds every category.
func (g *Generator) Article(i int) Article {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)*0x9e3779b97f4a7c15+1))
	w := &writer{r: r, used: map[string]bool{}}
	w.town = w.townName()
	rolePick := r.Perm(len(roles))
	for k := range 3 {
		w.people = append(w.people, person{first: w.pick(firstNames), last: w.pick(nameHeads) + w.pick(nameTails), role: w.fill(roles[rolePick[k]])})
	}
	title := w.title()

	var paras []para
	for range 6 + r.IntN(7) {
		paras = append(paras, w.paragraph())
	}
	if r.IntN(7) != 0 {
		cats := r.Perm(len(Categories))[:2+r.IntN(4)]
		for _, c := range cats {
			paras = w.inject(paras, Categories[c])
		}
	}
	return render(fmt.Sprintf("gen-%d-%05d", g.seed, i), title, paras)
}

type writer struct {
	r      *rand.Rand
	town   string
	people []person
	used   map[string]bool // sentences already in the article
}

func (w *writer) pick(list []string) string { return list[w.r.IntN(len(list))] }

// fill puts the article's town into a template that wants one.
func (w *writer) fill(s string) string {
	if strings.Contains(s, "%s") {
		return fmt.Sprintf(s, w.town)
	}
	return s
}

func (w *writer) townName() string { return w.pick(townHeads) + w.pick(townTails) }

func (w *writer) title() string {
	p := w.people[0]
	return upperFirst(fmt.Sprintf("%s"+nbsp+": %s %s %s", w.town, p.role, w.pick(verbs), w.fill(w.pick(objects))))
}

// sentence is one clean sentence from a template.
func (w *writer) sentence() string {
	p := w.people[w.r.IntN(len(w.people))]
	switch w.r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s, %s, %s %s %s, %s.", p.full(), p.role, w.pick(verbs), w.fill(w.pick(objects)), w.pick(times), w.pick(reasons))
	case 1:
		return fmt.Sprintf("«%s%s%s», a déclaré %s.", nbsp, w.pick(quotes), nbsp, p.full())
	case 2:
		return fmt.Sprintf(w.pick(facts), 2+w.r.IntN(900))
	case 3:
		return upperFirst(fmt.Sprintf("%s %s %s %s.", w.fill(w.pick(groups)), w.pick(pluralVerbs), w.fill(w.pick(objects)), w.pick(times)))
	case 4:
		return fmt.Sprintf("Selon %s, %s %s %s.", w.pick(agencies), w.fill(w.pick(groups)), w.pick(pluralVerbs), w.fill(w.pick(objects)))
	default:
		return fmt.Sprintf("%s n'a pas souhaité répondre à nos questions%s!", p.full(), nbsp)
	}
}

// paragraph draws sentences, never one the article already has: a
// repeated sentence would be a duplicate nobody injected.
func (w *writer) paragraph() para {
	var p para
	for range 2 + w.r.IntN(3) {
		s := w.sentence()
		for try := 0; w.used[s] && try < 20; try++ {
			s = w.sentence()
		}
		if w.used[s] {
			continue
		}
		w.used[s] = true
		p = append(p, seg{text: s})
	}
	if len(p) == 0 {
		p = append(p, seg{text: fmt.Sprintf(w.pick(facts), 1000+w.r.IntN(1_000_000))})
	}
	return p
}

// inject adds one artifact of category cat.
func (w *writer) inject(paras []para, cat string) []para {
	r := w.r
	at := 1 + r.IntN(len(paras)-1)
	addSentence := func(s string) { paras[at] = append(paras[at], seg{text: s, cat: cat}) }
	insertPara := func(p para) []para {
		paras = append(paras, nil)
		copy(paras[at+1:], paras[at:])
		paras[at] = p
		return paras
	}
	switch cat {
	case "untranslated":
		if r.IntN(2) == 0 {
			paras[at] = append(paras[at], seg{text: upperFirst(w.fill(w.pick(groups))) + " réclament des mesures "}, seg{text: "[" + w.pick(englishPhrases) + "]", cat: cat}, seg{text: "."})
			joinLast(paras[at], 3)
		} else {
			addSentence(w.pick(englishSentences))
		}
	case "mistranslation":
		addSentence(w.pick(calques) + ".")
	case "negation":
		addSentence(w.pick(negations) + ".")
	case "name":
		p := w.people[r.IntN(len(w.people))]
		v := variant(p.last, r)
		paras[at] = append(paras[at], seg{text: "Plus tard, " + p.first + " "}, seg{text: v, cat: cat}, seg{text: " a précisé sa position."})
		joinLast(paras[at], 3)
		// The right spelling must appear too for the variant to be a variant.
		paras[0] = append(paras[0], seg{text: fmt.Sprintf("%s a été reçu par %s.", p.full(), w.people[(r.IntN(2)+1)%len(w.people)].role)})
	case "grammar":
		paras[at] = append(paras[at], seg{text: "Le vote a été reporté, "}, seg{text: w.pick(agencyShort) + " signalé", cat: cat}, seg{text: "."})
		joinLast(paras[at], 3)
	case "garbled":
		switch r.IntN(3) {
		case 0:
			p := w.people[0]
			paras[at] = append(paras[at], seg{text: p.full() + " "}, seg{text: "a rapporté ..", cat: cat})
			joinLast(paras[at], 2)
		case 1:
			paras[at] = append(paras[at], seg{text: "Les élus se sont retrouvés lors de la "}, seg{text: "réunion. réunion", cat: cat}, seg{text: " a duré deux heures."})
			joinLast(paras[at], 3)
		default:
			return insertPara(para{{text: w.town + ".", cat: cat}})
		}
	case "scraped":
		if r.IntN(2) == 0 {
			return insertPara(para{{text: "LIRE AUSSI  " + w.pick(headlines), cat: cat}})
		}
		return insertPara(para{{text: w.pick(furniture), cat: cat}})
	case "duplicate":
		c := "Photo" + nbsp + ": " + w.fill(w.pick(captions)) + "."
		paras = insertPara(para{{text: c}})
		at = min(at+1+r.IntN(3), len(paras))
		return insertPara(para{{text: c, cat: cat}})
	case "typography":
		switch r.IntN(3) {
		case 0:
			addSentence(fmt.Sprintf("\"%s\", a ajouté %s.", w.pick(quotes), w.people[1].full()))
		case 1:
			paras[at] = append(paras[at], seg{text: "Le maire "}, seg{text: "l’a", cat: cat}, seg{text: " répété devant le conseil."})
			joinLast(paras[at], 3)
		default:
			paras[at] = append(paras[at], seg{text: "Le bilan est clair"}, seg{text: ": ", cat: cat}, seg{text: "les comptes sont à l'équilibre."})
			joinLast(paras[at], 3)
		}
	}
	return paras
}

// joinLast marks the last n segments as one sentence: render puts spaces
// only between sentences.
func joinLast(p para, n int) {
	for i := len(p) - n; i < len(p)-1; i++ {
		p[i].text += "\x00"
	}
}

// variant misspells a name as transliteration does: two letters swapped,
// a letter doubled, or an ending changed.
func variant(name string, r *rand.Rand) string {
	rs := []rune(name)
	switch r.IntN(3) {
	case 0:
		if len(rs) > 3 {
			i := 1 + r.IntN(len(rs)-3)
			rs[i], rs[i+1] = rs[i+1], rs[i]
			if v := string(rs); v != name {
				return v
			}
		}
		fallthrough
	case 1:
		i := 1 + r.IntN(len(rs)-1)
		return string(rs[:i]) + string(rs[i]) + string(rs[i:])
	default:
		return string(rs[:len(rs)-1]) + "y"
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(s)
	return strings.ToUpper(string(rs[:1])) + string(rs[1:])
}

// render joins paragraphs with blank lines and sentences with spaces, and
// annotates every artifact segment with its quote and, when the quote is
// not unique in the text, its occurrence.
func render(id, title string, paras []para) Article {
	var b strings.Builder
	b.WriteString(title)
	type mark struct {
		start int
		seg   seg
	}
	var marks []mark
	for _, p := range paras {
		b.WriteString("\n\n")
		glued := true
		for _, s := range p {
			text := strings.TrimSuffix(s.text, "\x00")
			if !glued {
				b.WriteByte(' ')
			}
			if s.cat != "" {
				marks = append(marks, mark{b.Len(), seg{text: text, cat: s.cat}})
			}
			b.WriteString(text)
			glued = strings.HasSuffix(s.text, "\x00")
		}
	}
	b.WriteByte('\n')
	text := b.String()
	a := Article{ID: id, Title: title, Text: text, Gold: Gold{Lang: "fr", Findings: []GoldFinding{}}}
	for _, m := range marks {
		q := strings.TrimSpace(m.seg.text)
		start := m.start + strings.Index(m.seg.text, q)
		f := GoldFinding{Category: m.seg.cat, Quote: q}
		if strings.Count(text, q) > 1 {
			f.Occurrence = strings.Count(text[:start], q) + 1
		}
		a.Gold.Findings = append(a.Gold.Findings, f)
	}
	return a
}
