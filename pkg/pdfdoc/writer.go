package pdfdoc

import "codeberg.org/go-pdf/fpdf"

// tone is the colour of a piece of text.
type tone int

// The tones; the zero value is the body text colour.
const (
	toneText tone = iota
	toneMuted
	toneAccent
	toneGood
	toneBad
)

// rgb is a DeviceRGB colour (interpreted as sRGB through the output intent).
type rgb struct{ r, g, b int }

// The palette.
var (
	colorOf = map[tone]rgb{
		toneText:   {33, 37, 41},
		toneMuted:  {90, 98, 106},
		toneAccent: {22, 72, 118},
		toneGood:   {28, 102, 52},
		toneBad:    {160, 24, 28},
	}
	colorRule     = rgb{185, 194, 204}
	colorHeadFill = rgb{226, 234, 242}
)

// ptToMM converts a font size in points to millimetres.
const ptToMM = 25.4 / 72

// lineHeight is the distance of two lines of text set in size points.
func lineHeight(size float64) float64 { return size * ptToMM * 1.3 }

// writer puts text on the pages of one document, top to bottom within a
// content box, and starts a new page when the box is full.
type writer struct {
	pdf                      *fpdf.Fpdf
	left, right, top, bottom float64
}

// width is the width of the content box.
func (w *writer) width() float64 { return w.right - w.left }

// setFont selects the font and the text colour.
func (w *writer) setFont(style string, size float64, t tone) {
	w.pdf.SetFont(fontFamily, style, size)
	c := colorOf[t]
	w.pdf.SetTextColor(c.r, c.g, c.b)
}

// setDraw selects the colour and width of lines.
func (w *writer) setDraw(c rgb, width float64) {
	w.pdf.SetDrawColor(c.r, c.g, c.b)
	w.pdf.SetLineWidth(width)
}

// newPage starts a page and moves to the top of the content box.
func (w *writer) newPage() {
	w.pdf.AddPage()
	w.pdf.SetY(w.top)
}

// ensure starts a new page unless h millimetres are left on this one.
func (w *writer) ensure(h float64) {
	if w.pdf.GetY()+h > w.bottom {
		w.newPage()
	}
}

// space moves down by h, or to the next page.
func (w *writer) space(h float64) {
	if w.pdf.GetY()+h > w.bottom {
		w.newPage()
		return
	}
	w.pdf.SetY(w.pdf.GetY() + h)
}

// textAt writes one line of text at (x, y) with the given width and
// alignment ("L", "C", "R").
func (w *writer) textAt(x, y, width, h float64, s, align string) {
	w.pdf.SetXY(x, y)
	w.pdf.CellFormat(width, h, s, "", 0, align, false, 0, "")
}

// paragraph writes text wrapped to the content box, breaking pages between
// lines.
func (w *writer) paragraph(text, style string, size float64, t tone) {
	w.setFont(style, size, t)
	h := lineHeight(size)
	for _, line := range wrap(w.pdf, text, w.width()) {
		w.ensure(h)
		w.setFont(style, size, t)
		y := w.pdf.GetY()
		w.textAt(w.left, y, w.width(), h, line, "L")
		w.pdf.SetY(y + h)
	}
}

// paragraphs writes text split at blank lines, or "Keine Angaben." when
// it is empty.
func (w *writer) paragraphs(text string, size float64) {
	ps := paragraphs(text)
	if len(ps) == 0 {
		w.paragraph("Keine Angaben.", regular, size, toneMuted)
		return
	}
	for i, p := range ps {
		if i > 0 {
			w.space(lineHeight(size) * 0.5)
		}
		w.paragraph(p, regular, size, toneText)
	}
}

// heading writes a heading in the accent colour, on a new page unless it
// and keep more millimetres fit on this one.
func (w *writer) heading(text string, size, keep float64) {
	w.setFont(bold, size, toneAccent)
	lines := wrap(w.pdf, text, w.width())
	h := lineHeight(size)
	w.ensure(float64(len(lines))*h + keep)
	for _, line := range lines {
		w.setFont(bold, size, toneAccent)
		y := w.pdf.GetY()
		w.textAt(w.left, y, w.width(), h, line, "L")
		w.pdf.SetY(y + h)
	}
}

// rule draws a horizontal line across the content box at the current
// position.
func (w *writer) rule(c rgb, width float64) {
	w.setDraw(c, width)
	y := w.pdf.GetY()
	w.pdf.Line(w.left, y, w.right, y)
}
