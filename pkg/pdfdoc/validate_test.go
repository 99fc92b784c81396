package pdfdoc

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRenderProfileRefusesBadInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Profile, *Meta)
		want   string
	}{
		{"empty center name", func(p *Profile, _ *Meta) { p.CenterName = "" }, "CenterName is empty"},
		{"blank center name", func(p *Profile, _ *Meta) { p.CenterName = " \t" }, "CenterName is empty"},
		{"no kitas", func(p *Profile, _ *Meta) { p.Kitas = nil }, "Kitas is empty"},
		{"no areas", func(p *Profile, _ *Meta) { p.Areas = nil }, "Areas is empty"},
		{"criterion without code", func(p *Profile, _ *Meta) { p.Areas[1].Criteria[3].Code = "" }, "Areas[1].Criteria[3].Code is empty"},
		{"negative points", func(p *Profile, _ *Meta) { p.Areas[0].Criteria[0].Points = -1 }, "Areas[0].Criteria[0].Points is negative"},
		{"version 0", func(p *Profile, _ *Meta) { p.Version = 0 }, "Version is 0"},
		{"no glyph", func(p *Profile, _ *Meta) { p.Remarks = "Sehr gut 😀" }, "Remarks contains"},
		{"control character", func(p *Profile, _ *Meta) { p.Assessor = "Jürgen\x00Weiß" }, "control character"},
		{"invalid UTF-8", func(p *Profile, _ *Meta) { p.CenterName = "Kita \xff" }, "not valid UTF-8"},
		{"no creation time", func(_ *Profile, m *Meta) { m.Created = time.Time{} }, "Meta.Created is zero"},
		{"no title", func(_ *Profile, m *Meta) { m.Title = "" }, "Meta.Title is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, m := sampleProfile(), sampleMeta("Qualitätsprofil")
			tt.change(&p, &m)
			var buf bytes.Buffer
			err := RenderProfile(&buf, p, m)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written for refused input", buf.Len())
			}
		})
	}
}

func TestRenderCertificateRefusesBadInput(t *testing.T) {
	many := make([]string, 60)
	for i := range many {
		many[i] = "Kindertageseinrichtung Sonnenschein und Regenbogen Nummer " + strings.Repeat("X", i%5+1)
	}
	tests := []struct {
		name   string
		change func(*Certificate)
		want   string
	}{
		{"empty center name", func(c *Certificate) { c.CenterName = "" }, "CenterName is empty"},
		{"no certification number", func(c *Certificate) { c.CertificationNumber = "" }, "CertificationNumber is empty"},
		{"no validity", func(c *Certificate) { c.ValidUntil = "" }, "ValidUntil is empty"},
		{"empty kita", func(c *Certificate) { c.Kitas = []string{"Kita Löwenzahn", ""} }, "Kitas[1] is empty"},
		{"too long for one page", func(c *Certificate) { c.Kitas = many }, "does not fit on one page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sampleCertificate()
			tt.change(&c)
			var buf bytes.Buffer
			err := RenderCertificate(&buf, c, sampleMeta("Urkunde"))
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written for refused input", buf.Len())
			}
		})
	}
}

func TestRenderProfileMinimal(t *testing.T) {
	// A rejected initial procedure: no certification number, a single
	// center, an area without criteria, no free texts.
	p := Profile{
		Title: "Qualitätsprofil", CenterName: "Familienzentrum Am Bach", CenterKind: "Familienzentrum (Einzeleinrichtung)",
		Kitas:         []Kita{{Name: "Kita Am Bach"}},
		ProcedureKind: "Erstzertifizierung", KindergartenYear: "2026/27", CatalogueVersion: "2020",
		Outcome: "Nicht zertifiziert", DecidedOn: "15.03.2027", Assessor: "Anna Groß",
		Areas:   []Area{{Code: "LB 1", Name: "Beratung", Kind: "Leistungsbereich", MinPoints: 10}},
		Version: 2, IssuedOn: "16.03.2027", Issuer: "PädQUIS gGmbH",
	}
	out := renderProfile(t, p)
	path := writeFile(t, "minimal.pdf", out)
	text := squash(run(t, "pdftotext", "-layout", path, "-"))
	for _, want := range []string{"nicht vergeben", "ohne Zertifizierungsnummer · Fassung 2 vom 16.03.2027", "Seite 1 von ", "Keine Angaben.", "keine Kriterien erfasst"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}
