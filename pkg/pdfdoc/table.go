package pdfdoc

// part is a run of text within a table cell; each part starts a new line.
type part struct {
	text  string
	bold  bool
	small bool
	tone  tone
}

// cell is the content of one table cell, top to bottom.
type cell []part

// column is one column of a table.
type column struct {
	title string
	width float64
	align string // "L", "C", "R"
}

// table writes rows that wrap their text, break across pages between lines
// and repeat the header row on every page.
type table struct {
	w       *writer
	cols    []column
	size    float64 // font size of the body in points
	padX    float64
	padY    float64
	ruled   bool   // a line under every row
	noTitle bool   // no header row
	caption string // above the header row on continuation pages
}

// line is one laid-out line of a cell.
type line struct {
	text  string
	style string
	size  float64
	tone  tone
}

// height is the height of lines.
func height(lines []line) float64 {
	h := 0.0
	for _, l := range lines {
		h += lineHeight(l.size)
	}
	return h
}

// layout wraps the parts of c to the width of column i.
func (t *table) layout(i int, c cell) []line {
	var out []line
	width := t.cols[i].width - 2*t.padX
	for _, p := range c {
		l := line{style: regular, size: t.size, tone: p.tone}
		if p.bold {
			l.style = bold
		}
		if p.small {
			l.size = t.size - 1
		}
		t.w.setFont(l.style, l.size, l.tone)
		for _, s := range wrap(t.w.pdf, p.text, width) {
			l.text = s
			out = append(out, l)
		}
	}
	return out
}

// layoutRow lays out every cell of a row.
func (t *table) layoutRow(cells []cell) [][]line {
	out := make([][]line, len(t.cols))
	for i := range t.cols {
		if i < len(cells) {
			out[i] = t.layout(i, cells[i])
		}
	}
	return out
}

// rowHeight is the height of laid-out cells, padding included.
func (t *table) rowHeight(cells [][]line) float64 {
	h := 0.0
	for _, c := range cells {
		h = max(h, height(c))
	}
	return h + 2*t.padY
}

// headerCells lays out the header row.
func (t *table) headerCells() [][]line {
	if t.noTitle {
		return nil
	}
	cells := make([]cell, len(t.cols))
	for i, c := range t.cols {
		cells[i] = cell{{text: c.title, bold: true, small: true}}
	}
	return t.layoutRow(cells)
}

// headerHeight is the height of the header row.
func (t *table) headerHeight() float64 {
	if t.noTitle {
		return 0
	}
	return t.rowHeight(t.headerCells())
}

// captionHeight is the height of the caption on continuation pages.
func (t *table) captionHeight() float64 {
	if t.caption == "" {
		return 0
	}
	return lineHeight(t.size) + 1
}

// start writes the header row, on a new page unless it and keep more
// millimetres (use firstRow) fit on this one.
func (t *table) start(keep float64) {
	t.w.ensure(t.headerHeight() + keep)
	t.header()
}

// firstRow is how much of a first row must fit under the header: all of it,
// or the first few lines of a long one.
func (t *table) firstRow(cells []cell) float64 {
	return min(t.rowHeight(t.layoutRow(cells)), 3*lineHeight(t.size)+2*t.padY)
}

// header writes the header row at the current position.
func (t *table) header() {
	if t.noTitle {
		return
	}
	cells := t.headerCells()
	h := t.rowHeight(cells)
	y := t.w.pdf.GetY()
	f := colorHeadFill
	t.w.pdf.SetFillColor(f.r, f.g, f.b)
	t.w.pdf.Rect(t.w.left, y, t.totalWidth(), h, "F")
	t.draw(cells, y)
	t.w.setDraw(colorRule, 0.3)
	t.w.pdf.Line(t.w.left, y+h, t.w.left+t.totalWidth(), y+h)
	t.w.pdf.SetY(y + h)
}

// totalWidth is the width of all columns.
func (t *table) totalWidth() float64 {
	w := 0.0
	for _, c := range t.cols {
		w += c.width
	}
	return w
}

// breakPage continues the table on a new page, under its caption.
func (t *table) breakPage() {
	t.w.newPage()
	if t.caption != "" {
		t.w.setFont(regular, t.size-0.5, toneMuted)
		y := t.w.pdf.GetY()
		t.w.textAt(t.w.left, y, t.totalWidth(), lineHeight(t.size), fit(t.w.pdf, t.caption, t.totalWidth()), "L")
		t.w.pdf.SetY(y + t.captionHeight())
	}
	t.header()
}

// row writes one row. A row that does not fit moves to the next page; a row
// taller than a page is split between lines.
func (t *table) row(cells []cell) {
	rest := t.layoutRow(cells)
	minChunk := 2*lineHeight(t.size) + 2*t.padY
	for {
		h := t.rowHeight(rest)
		room := t.w.bottom - t.w.pdf.GetY()
		if h <= room {
			t.put(rest, h)
			return
		}
		fresh := t.w.bottom - t.w.top - t.captionHeight() - t.headerHeight()
		if h <= fresh || room < minChunk {
			t.breakPage()
			continue
		}
		now, later := t.split(rest, room-2*t.padY)
		t.put(now, t.rowHeight(now))
		rest = later
		t.breakPage()
	}
}

// split takes from each cell the lines that fit into h.
func (t *table) split(cells [][]line, h float64) (now, later [][]line) {
	now = make([][]line, len(cells))
	later = make([][]line, len(cells))
	for i, c := range cells {
		n, used := 0, 0.0
		for n < len(c) && used+lineHeight(c[n].size) <= h {
			used += lineHeight(c[n].size)
			n++
		}
		now[i], later[i] = c[:n], c[n:]
	}
	return now, later
}

// put writes laid-out cells of height h at the current position.
func (t *table) put(cells [][]line, h float64) {
	y := t.w.pdf.GetY()
	t.draw(cells, y)
	if t.ruled {
		t.w.setDraw(colorRule, 0.2)
		t.w.pdf.Line(t.w.left, y+h, t.w.left+t.totalWidth(), y+h)
	}
	t.w.pdf.SetY(y + h)
}

// draw writes the lines of each cell, starting at y.
func (t *table) draw(cells [][]line, y float64) {
	x := t.w.left
	for i, c := range cells {
		col := t.cols[i]
		ly := y + t.padY
		for _, l := range c {
			lh := lineHeight(l.size)
			t.w.setFont(l.style, l.size, l.tone)
			t.w.textAt(x+t.padX, ly, col.width-2*t.padX, lh, l.text, col.align)
			ly += lh
		}
		x += col.width
	}
}
