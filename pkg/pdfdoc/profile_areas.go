package pdfdoc

import "fmt"

// Sizes of headings in points.
const (
	sectionSize    = 13.0
	subsectionSize = 10.5
)

// profileAreas writes the table of areas with the total points.
func profileAreas(wr *writer, p Profile) {
	t := &table{w: wr, size: tableSize, padX: 1.5, padY: 1.4, ruled: true, caption: "Übersicht der Bereiche (Fortsetzung)", cols: []column{
		{title: "Code", width: 18, align: "L"},
		{title: "Bereich", width: 70, align: "L"},
		{title: "Art", width: 30, align: "L"},
		{title: "Punkte / Minimum", width: 28, align: "R"},
		{title: "Ergebnis", width: 24, align: "L"},
	}}
	rows := make([][]cell, 0, len(p.Areas)+1)
	for _, a := range p.Areas {
		rows = append(rows, []cell{
			{{text: a.Code, bold: true}},
			{{text: a.Name}},
			{{text: a.Kind}},
			{{text: fmt.Sprintf("%d / %d", a.Points, a.MinPoints)}},
			{reached(a.Met)},
		})
	}
	rows = append(rows, []cell{{}, {{text: "Gesamtpunktzahl", bold: true}}, {}, {{text: fmt.Sprint(p.TotalPoints), bold: true}}, {}})
	wr.heading("Übersicht der Bereiche", sectionSize, t.headerHeight()+t.firstRow(rows[0])+2)
	wr.space(2)
	t.start(t.firstRow(rows[0]))
	for _, r := range rows {
		t.row(r)
	}
	wr.space(8)
}

// reached says whether an area reached its minimum.
func reached(met bool) part {
	if met {
		return part{text: "erreicht", tone: toneGood}
	}
	return part{text: "nicht erreicht", bold: true, tone: toneBad}
}

// fulfilled says whether a criterion is met.
func fulfilled(met bool) part {
	if met {
		return part{text: "erfüllt", tone: toneGood}
	}
	return part{text: "nicht erfüllt", bold: true, tone: toneBad}
}

// profileCriteria writes, per area, the table of its criteria.
func profileCriteria(wr *writer, p Profile) {
	wr.heading("Bewertung der Kriterien", sectionSize, 40)
	for _, a := range p.Areas {
		areaCriteria(wr, a)
	}
}

// areaCriteria writes the heading of one area and its criteria.
func areaCriteria(wr *writer, a Area) {
	t := &table{w: wr, size: tableSize, padX: 1.5, padY: 1.4, ruled: true, caption: a.Code + " " + a.Name + " (Fortsetzung)", cols: []column{
		{title: "Nr.", width: 18, align: "L"},
		{title: "Stufe", width: 16, align: "L"},
		{title: "Kriterium", width: 96, align: "L"},
		{title: "Punkte", width: 14, align: "R"},
		{title: "Bewertung", width: 26, align: "L"},
	}}
	rows := make([][]cell, 0, len(a.Criteria))
	for _, c := range a.Criteria {
		text := cell{{text: c.Text}}
		if c.Note != "" {
			text = append(text, part{text: "Anmerkung: " + c.Note, small: true, tone: toneMuted})
		}
		rows = append(rows, []cell{
			{{text: c.Code, bold: true}},
			{{text: c.Level}},
			text,
			{{text: fmt.Sprint(c.Points)}},
			{fulfilled(c.Met)},
		})
	}
	summary := fmt.Sprintf("%s · %d Punkte bei mindestens %d Punkten · Mindestpunktzahl ", a.Kind, a.Points, a.MinPoints)
	state := reached(a.Met)
	keep := 2*lineHeight(bodySize) + 6
	if len(rows) > 0 {
		keep += t.headerHeight() + t.firstRow(rows[0])
	}
	wr.space(4)
	wr.heading(a.Code+" "+a.Name, subsectionSize, keep)
	wr.paragraph(summary+state.text, regular, bodySize-0.5, toneMuted)
	wr.space(2)
	if len(rows) == 0 {
		wr.paragraph("Für diesen Bereich sind keine Kriterien erfasst.", regular, bodySize, toneMuted)
		return
	}
	t.start(t.firstRow(rows[0]))
	for _, r := range rows {
		t.row(r)
	}
}

// profileTotal writes the total points and the outcome.
func profileTotal(wr *writer, p Profile) {
	wr.space(8)
	wr.heading("Gesamtergebnis", sectionSize, 3*lineHeight(bodySize)+4)
	wr.space(1)
	wr.paragraph(fmt.Sprintf("Gesamtpunktzahl: %d Punkte", p.TotalPoints), bold, bodySize+0.5, toneText)
	wr.paragraph(fmt.Sprintf("Ergebnis: %s (entschieden am %s)", p.Outcome, p.DecidedOn), regular, bodySize, toneText)
	wr.space(8)
}
