package rules

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mtaudit/mtaudit/audit"
	"github.com/mtaudit/mtaudit/audit/profile"
)

// TestTokenizeLineRef compares tokenizeLine, its word scan and letter
// flags fused, with tokenizeLineRef, the scan then the flags it replaces:
// on the shared articles and the rules' examples, then on random lines of
// the runes where the fast paths branch. tJoined is checked against
// the folded form: a word without it is one run of letters and digits;
// tLetters against the word's runes, and its letter runs.
func TestTokenizeLineRef(t *testing.T) {
	reg := profile.MustBuiltin()
	lexes := []*lexicon{
		lexiconFor(reg.Lookup("fr"), reg.Lookup("en")),
		lexiconFor(reg.Lookup("en"), reg.Lookup("fr")),
		lexiconFor(reg.Lookup("de"), reg.Lookup("en")),
	}
	check := func(text string) {
		t.Helper()
		ln := audit.Span{Start: 0, End: len(text)}
		for _, lex := range lexes {
			// Into a buffer of stale tokens, as a pooled one: every field
			// of a token written in place must be set.
			stale := make([]token, len(text)+8)
			for k := range stale {
				stale[k] = token{Start: -1, End: -1, FoldStart: -1, FoldEnd: -1, Line: -1, Kind: 0xFF, Flags: 0xFFFF}
			}
			got, gotFolds := tokenizeLine(stale[:0], nil, text, ln, 3, lex)
			want, wantFolds := tokenizeLineRef(nil, nil, text, ln, 3, lex)
			if string(gotFolds) != string(wantFolds) || len(got) != len(want) {
				t.Fatalf("%q: folds %q, want %q; %d tokens, want %d", text, gotFolds, wantFolds, len(got), len(want))
			}
			for k := range got {
				g := got[k]
				g.Flags &^= tJoined | tLetters | tASCII
				if g != want[k] {
					t.Fatalf("%q: token %d %+v, want %+v", text, k, got[k], want[k])
				}
				if got[k].Kind != tokWord {
					if got[k].is(tJoined) {
						t.Fatalf("%q: token %d not a word, joined", text, k)
					}
					continue
				}
				low := text[g.Start:g.End]
				if g.Flags&tFoldArena != 0 {
					low = string(gotFolds[g.FoldStart:g.FoldEnd])
				}
				if got[k].is(tJoined) == dupOneRun(low) {
					t.Fatalf("%q: token %d %q joined %v", text, k, low, got[k].is(tJoined))
				}
				// tLetters: a word of letters only, its one letter run
				// the whole token.
				w := text[g.Start:g.End]
				if got[k].is(tASCII) != txASCII(w) {
					t.Fatalf("%q: token %d %q ASCII %v", text, k, w, got[k].is(tASCII))
				}
				letters := !strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
				if got[k].is(tLetters) != letters {
					t.Fatalf("%q: token %d %q letters %v", text, k, w, got[k].is(tLetters))
				}
				if runs := appendLetterRuns(nil, text, int(g.Start), int(g.End), 0); letters && (len(runs) != 1 || runs[0].Start != g.Start || runs[0].End != g.End) {
					t.Fatalf("%q: token %d %q letter runs %v", text, k, w, runs)
				}
			}
		}
	}
	for _, text := range sharedTexts(t) {
		for line := range strings.Lines(text) {
			check(strings.TrimSuffix(line, "\n"))
		}
	}
	runes := []rune("aZé É×÷ſĸŉİıǅΣσ0'’-\u0301\u00a0.,«»-1Lqu'l’QU'AUJOURD'HUI\tŸÿ\u2160ⓐ𝐀٣")
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for range 200000 {
		b.Reset()
		for range 1 + rng.IntN(12) {
			b.WriteRune(runes[rng.IntN(len(runes))])
		}
		check(b.String())
	}
}

// TestIsMark holds isMark's shortcut to unicode's nonspacing marks, and
// runeClass's classes to unicode's letters and cases.
func TestIsMark(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isMark(r) != unicode.Is(unicode.Mn, r) {
			t.Errorf("isMark(%U) = %v", r, isMark(r))
		}

		k := runeClass(r)
		letter := unicode.IsLetter(r)
		if k&lcLetter != 0 != letter || k&lcUpper != 0 != (letter && unicode.IsUpper(r)) ||
			k&lcLower != 0 != (letter && unicode.IsLower(r)) || k&lcUncased != 0 != (letter && !unicode.IsUpper(r)) ||
			k&lcQuote != 0 != (r == '\'') {
			t.Errorf("runeClass(%U) = %b", r, k)
		}
	}
}

// tokenizeLineRef is tokenizeLine as it was: scanWordRef for a word's end,
// then its letter flags and fold from the token's text.
func tokenizeLineRef(out []token, folds []byte, text string, ln audit.Span, li int, lex *lexicon) ([]token, []byte) {
	first := true
	add := func(start, end int, k tokKind) {
		t := token{Start: int32(start), End: int32(end), Kind: k, Line: int32(li)}
		if first {
			t.Flags |= tLineStart
		}
		w := text[start:end]
		n := len(folds)
		var changed bool
		if f, fold, ascii := asciiLetterFlags(w); ascii {
			t.Flags |= f
			if fold {
				folds, changed = appendASCIIFold(folds, w), true
			}
		} else {
			f, fold := letterFlagsFold(w)
			t.Flags |= f
			if fold {
				folds, changed = appendRuneFold(folds, w), true
			}
		}
		if changed {
			t.Flags |= tFoldArena
			t.FoldStart, t.FoldEnd = int32(n), int32(len(folds))
			if len(folds)-n != len(w)+2*strings.Count(w, "'") {
				t.Flags |= tFoldShift
			}
		}
		out = append(out, t)
		first = false
	}
	i := ln.Start
	for i < ln.End {
		if c := text[i]; c < utf8.RuneSelf {
			switch {
			case c == ' ' || '\t' <= c && c <= '\r':
				i++
			case 'a' <= c|0x20 && c|0x20 <= 'z':
				j := scanWordRef(text, i, ln.End, lex)
				add(i, j, tokWord)
				i = j
			case '0' <= c && c <= '9':
				j := scanNumber(text, i, ln.End)
				add(i, j, tokNum)
				i = j
			default:
				add(i, i+1, tokPunct)
				i++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case isBlank(r):
			i += n
		case unicode.IsLetter(r):
			j := scanWordRef(text, i, ln.End, lex)
			add(i, j, tokWord)
			i = j
		case unicode.IsDigit(r):
			j := scanNumber(text, i, ln.End)
			add(i, j, tokNum)
			i = j
		default:
			add(i, i+n, tokPunct)
			i += n
		}
	}
	return out, folds
}

// scanWordRef returns the end of the word starting at i: letters, digits and
// marks, with inner hyphens ("États-Unis", "a-t-il") and apostrophes
// ("aujourd’hui") kept, except after an elided article or pronoun of the
// language ("L’" + "armée", "qu’" + "il").
func scanWordRef(text string, i, end int, lex *lexicon) int {
	start := i
	for i < end {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiWord[c] {
				i++
				continue
			}
		} else if c >= 0xC3 && c <= 0xC5 && i+1 < end && text[i+1]&0xC0 == 0x80 {
			// U+00C0–U+017F, the accented letters of Western languages:
			// all letters but × and ÷ (latin1Letter), without decoding.
			if r := rune(c&0x1F)<<6 | rune(text[i+1]&0x3F); latin1Letter(r) {
				i += 2
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			i += n
			continue
		}
		if (r == '-' || isApostrophe(r)) && i+n < end {
			r2, _ := utf8.DecodeRuneInString(text[i+n:])
			if unicode.IsLetter(r2) || (r == '-' && unicode.IsDigit(r2)) {
				if isApostrophe(r) && lex.isElided(text[start:i]) {
					return i + n
				}
				i += n
				continue
			}
		}
		break
	}
	return i
}
