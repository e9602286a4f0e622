package lexicon

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Spec describes one shipped lexicon: where its words come from and how to
// read them. The specs are data (data/lexicons.yaml); the generator builds
// the shipped files from them and the lookups read their endings.
type Spec struct {
	// ID names the lexicon (its part of data/lexicons.lex): the language
	// ("fr"), or the language and a part of it ("en.names").
	ID   string `yaml:"id"`
	Lang string `yaml:"lang"`
	// Select is "all" (default), "common" (entries in lower case) or
	// "names" (entries with a capital: names, and the words that are
	// names too, "Brown", "Bond").
	Select  string   `yaml:"select"`
	Sources []Source `yaml:"sources"`
	// CapitalisedNouns says the language capitalises every noun (German).
	CapitalisedNouns bool `yaml:"capitalised_nouns"`
	// Endings are "inflected:base" rewrites tried on a word the list lacks.
	Endings []string `yaml:"endings"`
	// Prefixes are prefixes tried on a word the list lacks: a word made of
	// one and a word of the list ("semi" + "conductor") is in the list.
	Prefixes []string `yaml:"prefixes"`
	// Compounds says a word made of two words of the list, each of
	// minCompoundPart letters or more, is one too ("lockdown", "heatwave").
	Compounds bool `yaml:"compounds"`
	// Never lists letter sequences no inflected form of the language
	// holds ("ze" in Spanish): a word reached through an ending that holds
	// one is not the language's ("modernize" is not a form of modernizar).
	Never []string `yaml:"never"`
	// Pivots lists other lexicons whose words, left in an article of this
	// language, are untranslated too: the languages MT engines translate
	// through (an English→Spanish→French pipeline leaves Spanish words).
	Pivots []string `yaml:"pivots"`

	endings []ending
}

// Source is one word-list file of a Debian package.
type Source struct {
	Package string `yaml:"package"`
	File    string `yaml:"file"` // under /usr/share/dict
	Licence string `yaml:"licence"`
}

type ending struct{ inflected, base string }

type specFile struct {
	Lexicons []*Spec `yaml:"lexicons"`
}

// parseSpecs decodes data/lexicons.yaml strictly.
func parseSpecs(data []byte) ([]*Spec, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f specFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("lexicons.yaml: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	seen := map[string]bool{}
	for i, s := range f.Lexicons {
		where := fmt.Sprintf("lexicons.yaml: lexicon %d (%s)", i+1, s.ID)
		switch {
		case s.ID == "" || s.Lang == "":
			return nil, fmt.Errorf("%s: id and lang are required", where)
		case seen[s.ID]:
			return nil, fmt.Errorf("%s: duplicate id", where)
		case s.ID != s.Lang && !strings.HasPrefix(s.ID, s.Lang+"."):
			return nil, fmt.Errorf("%s: the id must be the language or start with it", where)
		case len(s.Sources) == 0:
			return nil, fmt.Errorf("%s: no sources", where)
		}
		seen[s.ID] = true
		switch s.Select {
		case "":
			s.Select = "all"
		case "all", "common", "names":
		default:
			return nil, fmt.Errorf("%s: select is all, common or names, not %q", where, s.Select)
		}
		for _, src := range s.Sources {
			if src.Package == "" || src.File == "" || src.Licence == "" {
				return nil, fmt.Errorf("%s: each source needs package, file and licence", where)
			}
		}
		for _, p := range s.Pivots {
			if p == s.ID || p == "" {
				return nil, fmt.Errorf("%s: bad pivot %q", where, p)
			}
		}
		for i, p := range s.Prefixes {
			s.Prefixes[i] = Fold(p)
		}
		for i, n := range s.Never {
			s.Never[i] = Fold(n)
		}
		for _, e := range s.Endings {
			infl, base, ok := strings.Cut(e, ":")
			if !ok || infl == "" {
				return nil, fmt.Errorf("%s: ending %q is not inflected:base", where, e)
			}
			s.endings = append(s.endings, ending{Fold(infl), Fold(base)})
		}
	}
	for _, s := range f.Lexicons {
		for _, p := range s.Pivots {
			if !seen[p] {
				return nil, fmt.Errorf("lexicons.yaml: lexicon %s: no lexicon %q for a pivot", s.ID, p)
			}
		}
	}
	return f.Lexicons, nil
}
