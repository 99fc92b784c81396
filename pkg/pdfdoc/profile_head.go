package pdfdoc

// sealName is the name of the seal under the title of the profile.
const sealName = "Gütesiegel „Familienzentrum NRW“"

// profileTitle writes the issuer, the title and the name of the seal.
func profileTitle(wr *writer, p Profile) {
	wr.paragraph(p.Issuer, regular, 8.5, toneMuted)
	wr.space(3)
	wr.paragraph(p.Title, bold, 22, toneAccent)
	wr.space(0.5)
	wr.paragraph(sealName, regular, 11, toneMuted)
	wr.space(3)
	wr.rule(colorOf[toneAccent], 0.6)
	wr.space(4)
}

// profileFacts writes the header block: who, which procedure, which result.
func profileFacts(wr *writer, p Profile) {
	t := &table{w: wr, size: bodySize, padX: 0, padY: 1.1, noTitle: true, cols: []column{
		{width: 48, align: "L"},
		{width: wr.width() - 48, align: "L"},
	}}
	number := part{text: p.CertificationNumber}
	if p.CertificationNumber == "" {
		number = part{text: "nicht vergeben", tone: toneMuted}
	}
	catalogue := "Fassung " + p.CatalogueVersion
	if p.CatalogueTitle != "" {
		catalogue = p.CatalogueTitle + ", Fassung " + p.CatalogueVersion
	}
	outcome := part{text: p.Outcome, bold: true}
	rows := [][]cell{
		{label("Familienzentrum"), {{text: p.CenterName, bold: true}}},
		{label("Art"), {{text: p.CenterKind}}},
		{label(kitasLabel(len(p.Kitas))), kitasCell(p.Kitas)},
		{label("Zertifizierungsnummer"), {number}},
		{label("Verfahren"), {{text: p.ProcedureKind + ", Kindergartenjahr " + p.KindergartenYear}}},
		{label("Gütesiegelkatalog"), {{text: catalogue}}},
		{label("Ergebnis"), {outcome, {text: "entschieden am " + p.DecidedOn, small: true, tone: toneMuted}}},
		{label("Begutachtung"), {{text: p.Assessor}}},
	}
	for _, r := range rows {
		t.row(r)
	}
	wr.space(6)
}

// label is the cell of a label in the header block.
func label(s string) cell { return cell{{text: s, tone: toneMuted}} }

// kitasLabel names the Kitas in singular or plural.
func kitasLabel(n int) string {
	if n == 1 {
		return "Kindertageseinrichtung"
	}
	return "Kindertageseinrichtungen"
}

// kitasCell lists each Kita with its role and address.
func kitasCell(kitas []Kita) cell {
	var c cell
	for _, k := range kitas {
		name := k.Name
		if k.Role != "" {
			name += " (" + k.Role + ")"
		}
		c = append(c, part{text: name})
		if k.Address != "" {
			c = append(c, part{text: k.Address, small: true, tone: toneMuted})
		}
	}
	return c
}
