package pdfdoc

import (
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"
)

// Geometry of the profile pages (A4 portrait, millimetres).
const (
	profileMargin  = 20.0
	profileTop     = 20.0
	profileBottom  = 278.0 // end of the content box
	profileFooterY = 282.0 // rule above the footer
	profileHeaderY = 10.0  // running header on pages after the first
	bodySize       = 9.5
	tableSize      = 9.0
)

// RenderProfile writes the quality profile p as an A4 PDF to w. It refuses
// input that would give a broken document with an error wrapping
// [ErrInvalid]; nothing is written then.
func RenderProfile(w io.Writer, p Profile, m Meta) error {
	if err := validateProfile(p, m); err != nil {
		return err
	}
	// The footer says "Seite X von Y", so a first pass counts the pages.
	// The footer sits below the content box and does not move page breaks.
	draft, err := layoutProfile(p, m, 0)
	if err != nil {
		return err
	}
	pdf, err := layoutProfile(p, m, draft.PageNo())
	if err != nil {
		return err
	}
	return finish(w, pdf)
}

// layoutProfile lays out the whole profile; total is the page count the
// footer names.
func layoutProfile(p Profile, m Meta, total int) (*fpdf.Fpdf, error) {
	pdf := newPDF(portrait, m)
	pdf.SetCellMargin(0)
	wr := &writer{pdf: pdf, left: profileMargin, right: 210 - profileMargin, top: profileTop, bottom: profileBottom}
	pdf.SetHeaderFunc(func() { profileHeader(wr, p) })
	pdf.SetFooterFunc(func() { profileFooter(wr, p, total) })
	wr.newPage()
	profileTitle(wr, p)
	profileFacts(wr, p)
	profileAreas(wr, p)
	profileCriteria(wr, p)
	profileTotal(wr, p)
	profileFindings(wr, p)
	profileText(wr, "Anmerkungen", p.Remarks)
	profileText(wr, "Empfehlungen", p.Recommendations)
	profileClosing(wr, p)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("pdfdoc: lay out profile: %w", err)
	}
	return pdf, nil
}

// profileHeader writes the running header on every page but the first.
func profileHeader(wr *writer, p Profile) {
	if wr.pdf.PageNo() == 1 {
		return
	}
	wr.setFont(regular, 8, toneMuted)
	wr.textAt(wr.left, profileHeaderY, wr.width(), lineHeight(8), fit(wr.pdf, p.Title+" · "+p.CenterName, wr.width()), "L")
	wr.setDraw(colorRule, 0.2)
	wr.pdf.Line(wr.left, profileHeaderY+lineHeight(8)+1, wr.right, profileHeaderY+lineHeight(8)+1)
}

// profileFooter writes the footer: certification number, version and page.
func profileFooter(wr *writer, p Profile, total int) {
	wr.setDraw(colorRule, 0.2)
	wr.pdf.Line(wr.left, profileFooterY, wr.right, profileFooterY)
	h := lineHeight(8)
	y := profileFooterY + 1.5
	wr.setFont(regular, 8, toneMuted)
	page := fmt.Sprintf("Seite %d von %d", wr.pdf.PageNo(), total)
	pageW := wr.pdf.GetStringWidth(page)
	wr.textAt(wr.right-pageW, y, pageW, h, page, "R")
	number := "ohne Zertifizierungsnummer"
	if p.CertificationNumber != "" {
		number = "Zertifizierungsnummer " + p.CertificationNumber
	}
	left := fmt.Sprintf("%s · Fassung %d vom %s", number, p.Version, p.IssuedOn)
	width := wr.width() - pageW - 5
	wr.textAt(wr.left, y, width, h, fit(wr.pdf, left, width), "L")
}
