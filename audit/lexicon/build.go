package lexicon

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DictDir is where Debian installs its word lists.
const DictDir = "/usr/share/dict"

// Build reads a spec's source files through open (a file name under
// DictDir) and returns the lexicon's payload, before compression: the
// entries of Select, folded (see Fold), kept only when made of letters with
// inner hyphens, sorted and de-duplicated, with the words of extra (may be
// nil; see ReadExtra) added. The generator writes BuildFile's re-coding of
// it.
func Build(s *Spec, open func(file string) (io.ReadCloser, error), extra []string) ([]byte, error) {
	common := map[string]bool{}
	capital := map[string]bool{}
	for _, src := range s.Sources {
		if err := readList(open, src.File, func(raw string) {
			w := Fold(raw)
			if !wordShaped(w) {
				return
			}
			r, _ := utf8.DecodeRuneInString(raw)
			if unicode.IsUpper(r) {
				capital[w] = true
			} else {
				common[w] = true
			}
		}); err != nil {
			return nil, err
		}
	}
	set := map[string]bool{}
	switch s.Select {
	case "common":
		set = common
	case "names":
		set = capital
	default:
		for w := range common {
			set[w] = true
		}
		for w := range capital {
			set[w] = true
		}
	}
	for _, w := range extra {
		w = Fold(w)
		if !phraseShaped(w) {
			return nil, fmt.Errorf("%s: extra word %q is not letters, hyphens and single spaces", s.ID, w)
		}
		set[w] = true
	}
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	sort.Strings(words)
	return encode(s.ID, words), nil
}

func readList(open func(string) (io.ReadCloser, error), file string, add func(string)) error {
	f, err := open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !utf8.ValidString(line) {
			return fmt.Errorf("%s: a line is not UTF-8", file)
		}
		if line != "" {
			add(line)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

// wordShaped reports a word made of letters (and combining marks) with
// hyphens only between letters, at most maxShared bytes long.
func wordShaped(w string) bool {
	if w == "" || len(w) > maxShared {
		return false
	}
	prevHyphen := true // no hyphen first
	for _, r := range w {
		switch {
		case r == '-':
			if prevHyphen {
				return false
			}
			prevHyphen = true
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			prevHyphen = false
		default:
			return false
		}
	}
	return !prevHyphen
}

// BuildFile is Build followed by the re-coding of the payload into the
// shipped file, ready for lookups (see marshal).
func BuildFile(s *Spec, open func(file string) (io.ReadCloser, error), extra []string) ([]byte, error) {
	payload, err := Build(s, open, extra)
	if err != nil {
		return nil, err
	}
	d, err := decode(payload)
	if err != nil {
		return nil, err
	}
	return d.marshal(), nil
}

// phraseShaped reports words (see wordShaped) separated by single spaces:
// an extra entry may be a phrase ("think tank").
func phraseShaped(w string) bool {
	if strings.Contains(w, "  ") || strings.HasPrefix(w, " ") || strings.HasSuffix(w, " ") {
		return false
	}
	for _, part := range strings.Split(w, " ") {
		if !wordShaped(part) {
			return false
		}
	}
	return true
}

// ExtraDir is where the extra words of each lexicon are kept, relative to
// the repository root: extra/<id>.txt beside this package.
const ExtraDir = "audit/lexicon/extra"

// ReadExtra reads an extra-words file: one word or phrase a line, blank
// lines and lines starting with # ignored. A missing file gives no words.
func ReadExtra(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out, nil
}
