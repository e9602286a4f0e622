package corpusgen

import (
	"bytes"
	_ "embed"
	"fmt"

	"gopkg.in/yaml.v3"
)

// The vocabulary is the generator's own (vocab.yaml): invented people and
// places, and sentence parts about ordinary public life, in French, the
// language of the generated articles. No real article is quoted. It is
// data, decoded strictly once, like the profiles and packs.

//go:embed vocab.yaml
var vocabYAML []byte

type vocabulary struct {
	FirstNames       []string `yaml:"firstNames"`
	NameHeads        []string `yaml:"nameHeads"`
	NameTails        []string `yaml:"nameTails"`
	TownHeads        []string `yaml:"townHeads"`
	TownTails        []string `yaml:"townTails"`
	Agencies         []string `yaml:"agencies"`
	AgencyShort      []string `yaml:"agencyShort"`
	Roles            []string `yaml:"roles"`
	Groups           []string `yaml:"groups"`
	Verbs            []string `yaml:"verbs"`
	PluralVerbs      []string `yaml:"pluralVerbs"`
	Objects          []string `yaml:"objects"`
	Times            []string `yaml:"times"`
	Reasons          []string `yaml:"reasons"`
	Quotes           []string `yaml:"quotes"`
	Facts            []string `yaml:"facts"`
	Captions         []string `yaml:"captions"`
	EnglishPhrases   []string `yaml:"englishPhrases"`
	EnglishSentences []string `yaml:"englishSentences"`
	Calques          []string `yaml:"calques"`
	Negations        []string `yaml:"negations"`
	Furniture        []string `yaml:"furniture"`
	Headlines        []string `yaml:"headlines"`
}

var (
	firstNames       []string
	nameHeads        []string
	nameTails        []string
	townHeads        []string
	townTails        []string
	agencies         []string
	agencyShort      []string
	roles            []string
	groups           []string
	verbs            []string
	pluralVerbs      []string
	objects          []string
	times            []string
	reasons          []string
	quotes           []string
	facts            []string
	captions         []string
	englishPhrases   []string
	englishSentences []string
	calques          []string
	negations        []string
	furniture        []string
	headlines        []string
)

func init() {
	var v vocabulary
	dec := yaml.NewDecoder(bytes.NewReader(vocabYAML))
	dec.KnownFields(true)
	if err := dec.Decode(&v); err != nil {
		panic(fmt.Sprintf("internal/corpusgen/vocab.yaml: %v", err))
	}
	firstNames = v.FirstNames
	nameHeads = v.NameHeads
	nameTails = v.NameTails
	townHeads = v.TownHeads
	townTails = v.TownTails
	agencies = v.Agencies
	agencyShort = v.AgencyShort
	roles = v.Roles
	groups = v.Groups
	verbs = v.Verbs
	pluralVerbs = v.PluralVerbs
	objects = v.Objects
	times = v.Times
	reasons = v.Reasons
	quotes = v.Quotes
	facts = v.Facts
	captions = v.Captions
	englishPhrases = v.EnglishPhrases
	englishSentences = v.EnglishSentences
	calques = v.Calques
	negations = v.Negations
	furniture = v.Furniture
	headlines = v.Headlines
}
