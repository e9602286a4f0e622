package i18n

// termTable translates the words a message's placeholders may capture and
// that read differently in another language: language names ("French"),
// typographic names ("a no-break space"), kinds ("place name"). A term has
// a default translation and may have forms a translation asks for by name,
// "{2:adj}", for grammar the default does not fit (German "im
// französischen Text").
type termTable struct {
	forms map[string]map[string]string // English term → form ("" default) → text
}

// translate returns the term's form (its default when the form is not
// given), or s unchanged when s is no term. A capitalised term ("Straight
// apostrophe (')", at the start of a message) is looked up in lower case
// and its translation capitalised.
func (t *termTable) translate(s, form string) string {
	if t == nil {
		return s
	}
	if fs, ok := t.forms[s]; ok {
		return pickForm(fs, form)
	}
	if lo := lowerFirst(s); lo != s {
		if fs, ok := t.forms[lo]; ok {
			return upperFirst(pickForm(fs, form))
		}
	}
	return s
}

func pickForm(fs map[string]string, form string) string {
	if v, ok := fs[form]; ok && form != "" {
		return v
	}
	return fs[""]
}
