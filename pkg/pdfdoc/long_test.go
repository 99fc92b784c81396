package pdfdoc

import (
	"strings"
	"testing"
)

func TestCriterionLongerThanAPage(t *testing.T) {
	p := sampleProfile()
	long := strings.Repeat("Sehr lange Begründung mit Umlauten äöü und ß. ", 300) + "Schlusswort"
	p.Areas[0].Criteria[1].Text = long
	path := writeFile(t, "long.pdf", renderProfile(t, p))
	text := squash(run(t, "pdftotext", "-layout", path, "-"))
	// A page break may fall inside a sentence, so count its words.
	for _, word := range []string{"Sehr", "Begründung", "Umlauten"} {
		if got, want := strings.Count(text, word), 300; got != want {
			t.Errorf("the long criterion shows %q %d times, want %d", word, got, want)
		}
	}
	for _, want := range []string{"Schlusswort", "1.01", "1.02", "1.03", "LB 1 Beratung und Unterstützung von Kindern und Familien (Fortsetzung)"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}
