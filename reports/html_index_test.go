package reports

import (
	"regexp"
	"strings"
	"testing"
)

// The verdict colour marks a badge or a row's left border; a whole row filled
// red or green leaves its links (blue) and text unreadable.
func TestIndexVerdictColourStaysOnTheBadge(t *testing.T) {
	css := string(htmlCSS)
	rule := regexp.MustCompile(`([^{}]+)\{([^{}]*)\}`)
	for _, m := range rule.FindAllStringSubmatch(css, -1) {
		body := m[2]
		if !strings.Contains(body, "background") {
			continue
		}
		for _, sel := range strings.Split(m[1], ",") {
			sel = strings.TrimSpace(sel)
			if !strings.Contains(sel, ".v-pass") && !strings.Contains(sel, ".v-fail") {
				continue
			}
			if !strings.Contains(sel, ".verdict") {
				t.Errorf("selector %q paints a verdict background on more than the badge: %s", sel, strings.TrimSpace(body))
			}
		}
	}
}
