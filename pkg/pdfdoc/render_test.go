package pdfdoc

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// renderProfile renders p with the sample metadata and fails on error.
func renderProfile(t testing.TB, p Profile) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderProfile(&buf, p, sampleMeta("Qualitätsprofil – "+p.CenterName)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// renderCertificate renders c with the sample metadata and fails on error.
func renderCertificate(t testing.TB, c Certificate) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderCertificate(&buf, c, sampleMeta("Urkunde – "+c.CenterName)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// squash collapses runs of white space, as -layout spreads table columns.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestProfileText(t *testing.T) {
	p := sampleProfile()
	path := writeFile(t, "profile.pdf", renderProfile(t, p))
	text := run(t, "pdftotext", "-layout", path, "-")
	flat := squash(text)
	for _, want := range []string{
		centerName,
		"Zertifizierungsnummer FZ-2027-00012",
		"Fassung 1 vom 20.03.2027",
		"entschieden am 15.03.2027",
		"Kindergartenjahr 2026/27",
		"nicht erreicht",
		"nicht erfüllt",
		"Mindestpunktzahl nicht erreicht",
		"Gesamtpunktzahl: 59 Punkte",
		"„Frühen Hilfen“",
		"Zuschussempfängerin",
		"Ergebnisse der Begehung",
		"Ausgestellt am 20.03.2027",
		"PädQUIS gGmbH – Zertifizierungsstelle Familienzentrum NRW",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, a := range p.Areas {
		for _, c := range a.Criteria {
			if !regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(c.Code) + `\s`).MatchString(text) {
				t.Errorf("text lacks the criterion code %s at the start of a row", c.Code)
			}
		}
	}
	m := regexp.MustCompile(`Seite 1 von (\d+)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatal(`text lacks "Seite 1 von N"`)
	}
	n, _ := strconv.Atoi(m[1])
	if n < 2 {
		t.Errorf("the profile has %d pages, want >= 2", n)
	}
	for i := 1; i <= n; i++ {
		if want := "Seite " + strconv.Itoa(i) + " von " + m[1]; !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if got := strings.Count(text, "\f"); got != n {
		t.Errorf("pdftotext found %d pages, the footer says %d", got, n)
	}
	info := run(t, "pdfinfo", path)
	if !strings.Contains(info, "Pages:           "+m[1]+"\n") {
		t.Errorf("pdfinfo does not report %s pages:\n%s", m[1], info)
	}
	checkInfo(t, info, "595.28 x 841.89 pts (A4)", "Qualitätsprofil – "+centerName)
	checkFonts(t, run(t, "pdffonts", path), 2)
}

func TestCertificateText(t *testing.T) {
	path := writeFile(t, "certificate.pdf", renderCertificate(t, sampleCertificate()))
	flat := squash(run(t, "pdftotext", "-layout", path, "-"))
	for _, want := range []string{
		"Gütesiegel", "Familienzentrum NRW", centerName,
		"Kita Gänseblümchen · Städtische Kita Löwenzahn",
		"Zertifizierungsnummer FZ-2027-00012",
		"gültig vom 01.08.2027 bis 31.07.2031",
		"Ausgestellt am 20.03.2027",
		"PädQUIS gGmbH – Zertifizierungsstelle Familienzentrum NRW",
		"Flucht und Integration des Landes Nordrhein-Westfalen",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("text lacks %q:\n%s", want, flat)
		}
	}
	info := run(t, "pdfinfo", path)
	if !strings.Contains(info, "Pages:           1\n") {
		t.Errorf("the certificate is not one page:\n%s", info)
	}
	checkInfo(t, info, "841.89 x 595.28 pts (A4)", "Urkunde – "+centerName)
	checkFonts(t, run(t, "pdffonts", path), 2)
}

// checkInfo checks the page size and the metadata pdfinfo reports.
func checkInfo(t *testing.T, info, size, title string) {
	t.Helper()
	for _, want := range []string{
		"Page size:       " + size,
		"Title:           " + title,
		"Subject:         Gütesiegel „Familienzentrum NRW“",
		"Author:          PädQUIS gGmbH",
		"Creator:         kitacert",
		"Metadata Stream: yes",
		"Encrypted:       no",
	} {
		if !strings.Contains(info, want+"\n") {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// checkFonts checks that pdffonts lists want fonts, all embedded.
func checkFonts(t *testing.T, out string, want int) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "----") {
		t.Fatalf("unexpected pdffonts output:\n%s", out)
	}
	fonts := lines[2:]
	if len(fonts) != want {
		t.Errorf("pdffonts lists %d fonts, want %d:\n%s", len(fonts), want, out)
	}
	for _, l := range fonts {
		f := strings.Fields(l)
		// name type… encoding emb sub uni object ID
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
		if f[len(f)-3] != "yes" {
			t.Errorf("font without ToUnicode map: %s", l)
		}
	}
}
