package audit

// neverRepaired are the categories whose repair would change what the
// article says: they always need a person.
var neverRepaired = map[Category]string{
	Negation:       "negation findings change meaning: never repaired automatically",
	Mistranslation: "mistranslation findings change meaning: never repaired automatically",
}

// RepairRefusal says why policy forbids `mtaudit fix` to apply a finding's
// fixes, or "" when it allows them: an LLM finding, a category whose repair
// changes meaning, a rule not declared Fixable (fixable nil trusts every
// rule). services/fix applies it; reports use it to call a fix a fix only
// where `fix` applies it, and a suggestion elsewhere.
func RepairRefusal(f Finding, fixable func(rule string) bool) string {
	if f.Source != "" && f.Source != SourceRule {
		return f.Source + " findings are never repaired automatically"
	}
	if why, ok := neverRepaired[f.Category]; ok {
		return why
	}
	if fixable != nil && !fixable(f.Rule) {
		return "rule " + f.Rule + " is not declared Fixable"
	}
	return ""
}
