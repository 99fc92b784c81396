package pdfdoc

import (
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// measuring returns a document with the regular font set, for measuring.
func measuring(t *testing.T) *fpdf.Fpdf {
	t.Helper()
	pdf := fpdf.New(portrait, "mm", "A4", "")
	addFonts(pdf)
	pdf.AddPage()
	pdf.SetFont(fontFamily, regular, 10)
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	return pdf
}

func TestWrap(t *testing.T) {
	pdf := measuring(t)
	text := "Die Fachkräfte kennen die „Frühen Hilfen“ im Sozialraum.\nNeue Zeile " +
		strings.Repeat("Überlänge", 20) + " https://example.org/ein/sehr/langer/pfad/zur/seite-mit-bindestrichen"
	const width = 50.0
	lines := wrap(pdf, text, width)
	if len(lines) < 5 {
		t.Fatalf("got %d lines, want the text wrapped: %q", len(lines), lines)
	}
	for _, l := range lines {
		if w := pdf.GetStringWidth(l); w > width+1e-9 {
			t.Errorf("line %q is %.2f mm wide, want <= %.0f", l, w, width)
		}
	}
	if got, want := strings.Join(strings.Fields(strings.Join(lines, "")), ""), strings.Join(strings.Fields(text), ""); got != want {
		t.Errorf("wrapping lost text:\n got %q\nwant %q", got, want)
	}
	if !slices.Contains(lines, "Neue Zeile") {
		t.Errorf("a line break in the text did not start a line: %q", lines)
	}
}

func TestParagraphs(t *testing.T) {
	got := paragraphs("Erster Absatz\r\nmit Zeilenumbruch.\r\n \r\nZweiter Absatz.\n\n\n\nDritter.")
	want := []string{"Erster Absatz\nmit Zeilenumbruch.", "Zweiter Absatz.", "Dritter."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs = %q, want %q", got, want)
	}
	if len(paragraphs(" \n\n ")) != 0 {
		t.Error("blank text gave paragraphs")
	}
}

func TestFit(t *testing.T) {
	pdf := measuring(t)
	s := "Qualitätsprofil · " + strings.Repeat("Familienzentrum ", 10)
	got := fit(pdf, s, 40)
	if !strings.HasSuffix(got, "…") || pdf.GetStringWidth(got) > 40 {
		t.Errorf("fit = %q (%.1f mm)", got, pdf.GetStringWidth(got))
	}
	if fit(pdf, "kurz", 40) != "kurz" {
		t.Error("fit changed a short text")
	}
}
