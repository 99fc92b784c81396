package pdfdoc

// profileFindings writes what the visit found, per site.
func profileFindings(wr *writer, p Profile) {
	wr.heading("Ergebnisse der Begehung", sectionSize, 3*lineHeight(bodySize)+4)
	wr.space(1)
	if len(p.VisitFindings) == 0 {
		wr.paragraphs("", bodySize)
	}
	for i, f := range p.VisitFindings {
		if i > 0 {
			wr.space(3)
		}
		wr.heading(f.Site, bodySize+0.5, 2*lineHeight(bodySize))
		wr.space(0.5)
		wr.paragraphs(f.Text, bodySize)
	}
	wr.space(8)
}

// profileText writes a section of free text in paragraphs.
func profileText(wr *writer, title, text string) {
	wr.heading(title, sectionSize, 3*lineHeight(bodySize)+4)
	wr.space(1)
	wr.paragraphs(text, bodySize)
	wr.space(8)
}

// profileClosing says when and by whom the profile was issued.
func profileClosing(wr *writer, p Profile) {
	wr.ensure(3*lineHeight(bodySize) + 4)
	wr.rule(colorRule, 0.2)
	wr.space(2)
	wr.paragraph("Ausgestellt am "+p.IssuedOn, regular, bodySize, toneText)
	wr.paragraph(p.Issuer, bold, bodySize, toneText)
}
