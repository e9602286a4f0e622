package rules

import (
	"testing"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// Slavic names romanised by two conventions in one article are one name;
// the feminine form, another name with a shared letter pattern, and
// ordinary words stay apart.
func TestNameTransliterationVariants(t *testing.T) {
	reg, err := profile.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	src, err := reg.Get("en")
	if err != nil {
		t.Fatal(err)
	}
	same := [][2]string{
		{"Khachaturov", "Hachaturov"}, {"Khachaturov", "Chatschaturow"}, {"Hachaturov", "Chatschaturow"},
		{"Hrytsenko", "Grycenko"}, {"Hrytsenko", "Gritsenko"}, {"Yuri", "Juri"}, {"Yuriy", "Jurij"},
		{"Tsvetkov", "Zwetkow"}, {"Tsvetkov", "Cvetkov"}, {"Zhukovsky", "Schukowski"}, {"Kovalsky", "Kowalskyj"},
		{"Shcherbakov", "Schtscherbakow"}, {"Shcherbakov", "Scherbakow"}, {"Yevtushenko", "Jewtuschenko"},
		{"Kharkiv", "Charkiw"}, {"Zelensky", "Selenskyj"}, {"Mykhailo", "Mychajlo"},
	}
	apart := [][2]string{
		{"Ivanov", "Ivanova"}, {"Petrov", "Petrova"}, {"Hanson", "Janson"}, {"Gordon", "Jordan"},
		{"Harry", "Garry"}, {"Sergei", "Serge"}, {"Jakob", "Hakob"},
		{"Shevchenko", "Savchenko"}, {"Kozlov", "Sokolov"}, {"Orlov", "Orlova"},
	}
	for _, lang := range []string{"fr", "de", "es", "it", "pt"} {
		tgt, err := reg.Get(lang)
		if err != nil {
			t.Fatal(err)
		}
		lx := lexiconFor(tgt, src)
		for _, p := range same {
			if !lx.compareNames(p[0], p[1]).Similar {
				t.Errorf("%s: %s / %s not matched", lang, p[0], p[1])
			}
		}
		for _, p := range apart {
			if lx.compareNames(p[0], p[1]).Similar {
				t.Errorf("%s: %s / %s matched", lang, p[0], p[1])
			}
		}
	}
}
