package pdfdoc

import (
	"fmt"
	"io"
	"strings"
)

// Geometry of the certificate (A4 landscape, millimetres).
const (
	certWidth  = 297.0
	certHeight = 210.0
	certFrame  = 10.0 // inset of the outer frame
	certInset  = 36.0 // left and right inset of the text
	certTop    = 24.0 // top of the text box
	certBottom = 186.0
)

// RenderCertificate writes the certificate c as a one-page A4 landscape PDF
// to w. It refuses input that would give a broken document, also text that
// does not fit on the page, with an error wrapping [ErrInvalid]; nothing is
// written then.
func RenderCertificate(w io.Writer, c Certificate, m Meta) error {
	if err := validateCertificate(c, m); err != nil {
		return err
	}
	pdf := newPDF(landscape, m)
	pdf.SetCellMargin(0)
	wr := &writer{pdf: pdf, left: certInset, right: certWidth - certInset, top: certTop, bottom: certBottom}
	wr.newPage()
	certFrames(wr)
	body, foot := certificateBlocks(c)
	bodyLines, footLines := layoutBlocks(wr, body), layoutBlocks(wr, foot)
	bodyH, footH := blocksHeight(bodyLines), blocksHeight(footLines)
	const gap = 8.0
	free := certBottom - certTop - bodyH - footH - gap
	if free < 0 {
		return fmt.Errorf("%w: certificate: the text does not fit on one page (%.0f mm too long)", ErrInvalid, -free)
	}
	// The body sits in the middle of the space above the foot.
	drawBlocks(wr, bodyLines, certTop+free/2)
	footY := certBottom - footH
	wr.setDraw(colorOf[toneAccent], 0.3)
	wr.pdf.Line(certWidth/2-40, footY-4, certWidth/2+40, footY-4)
	drawBlocks(wr, footLines, footY)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("pdfdoc: lay out certificate: %w", err)
	}
	return finish(w, pdf)
}

// certFrames draws the double frame around the page.
func certFrames(wr *writer) {
	wr.setDraw(colorOf[toneAccent], 1.2)
	wr.pdf.Rect(certFrame, certFrame, certWidth-2*certFrame, certHeight-2*certFrame, "D")
	wr.setDraw(colorOf[toneAccent], 0.3)
	in := certFrame + 2.5
	wr.pdf.Rect(in, in, certWidth-2*in, certHeight-2*in, "D")
}

// certificateBlocks returns the text of the certificate: the body and
// the foot with date, issuer and awarder.
func certificateBlocks(c Certificate) (body, foot []block) {
	kitas := "mit der Kindertageseinrichtung"
	if len(c.Kitas) > 1 {
		kitas = "mit den Kindertageseinrichtungen"
	}
	body = []block{
		{text: "Gütesiegel", style: bold, size: 40, tone: toneAccent},
		{text: "Familienzentrum NRW", style: bold, size: 26, tone: toneAccent, after: 9},
		{text: "Hiermit wird bestätigt, dass das Familienzentrum", size: 12.5, after: 3},
		{text: c.CenterName, style: bold, size: 22, after: 3},
		{text: kitas, size: 11, tone: toneMuted, after: 0.5},
		{text: strings.Join(c.Kitas, " · "), size: 12.5, after: 4},
		{text: "die Qualitätskriterien des Gütesiegels „Familienzentrum NRW“ erfüllt.", size: 12.5, after: 9},
		{text: "Zertifizierungsnummer " + c.CertificationNumber, style: bold, size: 13, after: 1},
		{text: "gültig vom " + c.ValidFrom + " bis " + c.ValidUntil, size: 12},
	}
	foot = []block{
		{text: "Ausgestellt am " + c.IssuedOn, size: 10, after: 1.5},
		{text: c.Issuer, style: bold, size: 11, after: 1},
		{text: c.Awarder, size: 9, tone: toneMuted},
	}
	return body, foot
}
