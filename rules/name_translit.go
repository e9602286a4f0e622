package rules

import (
	"strings"
	"unicode/utf8"
)

// Slavic names reach a news article romanised by the conventions of several
// languages: х as kh, h, ch or j; ш, щ, ч, ж as sh, shch, sch, tsch, ch, zh;
// ц as ts, z or c; й and я as y, j or i; г as g or h; -ov as -ow; -sky as
// -ski or -skyj (Khachaturov, Chatschaturow; Tsvetkov, Zwetkow; Hrytsenko,
// Gritsenko). translitKey folds each class of letters to one, so that such
// spellings share a key. The classes are wide, so the key serves only
// pairs where a spelling carries a mark of Slavic romanisation (slavicMarks).

// translitReplacer folds the letter classes, longest spellings first
// (comparisons run in argument order).
var translitReplacer = newPrefixReplacer(
	"schtsch", "x", "shch", "x", "chtch", "x", "stsch", "x", "tsch", "x", "sch", "x",
	"tch", "x", "zh", "x", "sh", "x", "kh", "x", "ch", "x", "sz", "x", "cz", "x", "h", "x", "g", "x",
	"ts", "c", "tz", "c", "z", "c", "s", "c",
	"w", "v", "y", "i", "j", "i",
)

// slavicMarks are letter groups of Slavic romanisation; one of the two
// spellings must hold one for the transliteration key to join them. The
// endings count only at the end of the word.
var (
	slavicMarks   = []string{"kh", "zh", "shch", "tsch", "sch", "ts", "yu", "ya", "ye", "ju", "ja", "je", "yk", "yt", "yc", "yj", "iy", "ij"}
	slavicEndings = []string{"ov", "ow", "ova", "owa", "ev", "ew", "eva", "ewa", "sky", "ski", "skyj", "skij", "skiy", "skyi", "skaya", "skaja", "enko", "uk", "yuk", "juk", "vich", "witsch", "vitch", "itsch", "yi", "ij", "iy"}
)

// translitKey returns the transliteration key of a folded spelling, or ""
// when the spelling is too short. Doubled letters collapse after folding
// (skyj, ski; Juri, Yuriy keep one i). Two spellings with one key are one
// name only when one of them looks Slavic (slavicLooking).
func translitKey(fold string) string {
	var buf [64]byte // on the stack for the usual name
	return string(appendTranslitKey(buf[:0], fold))
}

// appendTranslitKey appends translitKey(fold) to dst.
func appendTranslitKey(dst []byte, fold string) []byte {
	if len(fold) < 4 {
		return dst
	}
	var kbuf [64]byte // on the stack for the usual name
	k := translitReplacer.appendReplace(kbuf[:0], fold)
	b := dst
	var prev rune
	for i := 0; i < len(k); {
		r, n := rune(k[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(k[i:])
		}
		i += n
		if r != prev {
			if r < utf8.RuneSelf {
				b = append(b, byte(r))
			} else {
				b = utf8.AppendRune(b, r)
			}
		}
		prev = r
	}
	return b
}

func slavicLooking(fold string) bool {
	for _, m := range slavicMarks {
		if strings.Contains(fold, m) {
			return true
		}
	}
	for _, e := range slavicEndings {
		if strings.HasSuffix(fold, e) && len(fold) > len(e)+2 {
			return true
		}
	}
	return false
}
