// Package lang tells which language a text is in. A cheap test (function
// words, read from the language profiles) decides most texts; lingua-go,
// built once per process and limited to the languages news MT deals in and
// a few it is mistaken for, settles the doubtful ones.
//
// The package-level functions use the built-in profiles; ForProfiles gives
// a Detector for a registry with profiles of its own.
package lang

import (
	"strings"
	"unicode"

	"github.com/mtaudit/mtaudit/audit/profile"
)

// Tokens splits text into lower-case word tokens (letters, inner apostrophes
// split off: "l'armée" gives "l", "armée").
func Tokens(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
}

// Default is the detector of the built-in profiles.
func Default() *Detector { return ForProfiles(profile.MustBuiltin()) }

// Scores counts, per language, the tokens of text that are its function
// words (built-in profiles). It also returns the number of tokens.
func Scores(text string) (map[string]int, int) { return Default().Scores(text) }

// Cheap guesses from function words alone (built-in profiles). ok is false
// when the text is too short or two languages are close: then ask Guess.
func Cheap(text string) (lang string, ok bool) { return Default().Cheap(text) }

// Guess returns the language of text: the cheap test's answer when it is
// sure, else lingua-go's. It returns "" when neither can tell.
func Guess(text string) string { return Default().Guess(text) }

// Document guesses an article's language among every language the
// detector knows, preferring the built-in target languages when the
// evidence is weak; "" when the text gives nothing to go on.
func Document(text string) string {
	d := Default()
	return d.Document(text, d.Targets()...)
}

// Name is a language's English name: its profile's, else lingua-go's,
// else the code itself.
func Name(code string) string { return Default().Name(code) }

// Lingua asks lingua-go alone; "" when it cannot tell. Texts shorter than
// 120 bytes are only told apart as French or English.
func Lingua(text string) string { return Default().Lingua(text) }
