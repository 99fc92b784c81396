package cert

import (
	"fmt"
	"strings"
	"unicode"
)

// The rules of a catalogue as a whole and of findings recorded against it. The document's
// shape (fields, types) is the decoder's business (catalogue_decode.go); the limits are in
// catalogue_limits.go.

// Valid reports whether k is a known area kind.
func (k AreaKind) Valid() bool { return k == AreaService || k == AreaStructure }

// Valid reports whether l is a known criterion level.
func (l Level) Valid() bool { return l == LevelBasic || l == LevelAdvanced }

// Valid reports whether r is a known group rule.
func (r GroupRule) Valid() bool { return r == RuleAnd || r == RuleOr }

// normalized returns a deep copy of c with the blanks around every code, name and text
// removed. The copy keeps a caller's slices untouched.
func (c Catalogue) normalized() Catalogue {
	out := c
	out.Version, out.Title = clean(c.Version), clean(c.Title)
	out.Areas = make([]Area, len(c.Areas))
	for i, a := range c.Areas {
		a.Code, a.Name = clean(a.Code), clean(a.Name)
		crit := make([]Criterion, len(a.Criteria))
		for j, cr := range a.Criteria {
			cr.Code, cr.Text = clean(cr.Code), clean(cr.Text)
			crit[j] = cr
		}
		a.Criteria = crit
		out.Areas[i] = a
	}
	out.Groups = make([]CriteriaGroup, len(c.Groups))
	for i, g := range c.Groups {
		g.Code = clean(g.Code)
		members := make([]string, len(g.Criteria))
		for j, m := range g.Criteria {
			members[j] = clean(m)
		}
		g.Criteria = members
		out.Groups[i] = g
	}
	return out
}

// Validate checks a catalogue as a whole and names every entry at fault by its path in
// the document ("areas[2].criteria[4].code", "groups[0].criteria[1]"):
//
//   - version has the form of ValidCatalogueVersion; title is 1 to MaxCatalogueTitleLen
//     characters;
//   - there are 1 to MaxCatalogueAreas areas; area codes are unique; every area has a name,
//     the kind "service" or "structure", a minimum of 0 to MaxAreaMinPoints and at most
//     MaxAreaCriteria criteria;
//   - criterion codes are unique across the whole catalogue (not only within their area);
//     every criterion has the level "basic" or "advanced" and 0 to MaxCriterionPoints points;
//   - group codes are unique; every group has the rule "and" or "or" and names
//     MinGroupCriteria to MaxGroupCriteria existing criteria, none twice, and a criterion
//     belongs to at most one group (so that its points are counted by exactly one rule);
//   - the minimum of every area can be reached: it is at most the points the area earns
//     when every criterion is met (for an OR group, its best member in the area).
//
// The eight areas of the official catalogue are not required, so that a shortened or
// future catalogue can be loaded. Validate does not trim; ParseCatalogue and
// Catalogues.Put remove surrounding blanks first.
func (c Catalogue) Validate() error {
	var v Validation
	v.Check(ValidCatalogueVersion(c.Version), "version", fmt.Sprintf(
		"Die Version besteht aus 1 bis %d Zeichen: Buchstaben, Ziffern, Punkt, Bindestrich oder Unterstrich.", MaxCatalogueVersionLen))
	checkText(&v, "title", c.Title, MaxCatalogueTitleLen)
	critAt := c.validateAreas(&v)
	c.validateGroups(&v, critAt)
	if v.Err() == nil {
		// Only a well-formed catalogue can be asked whether its minimums are reachable.
		for i, most := range c.maxPoints() {
			a := c.Areas[i]
			v.Check(a.MinPoints <= most, fmt.Sprintf("areas[%d].min_points", i), fmt.Sprintf(
				"Die Mindestpunktzahl %d ist nicht erreichbar: Die Kriterien des Bereichs ergeben höchstens %d Punkte.", a.MinPoints, most))
		}
	}
	if v.Err() != nil {
		return catalogueInvalid(v.fields)
	}
	return nil
}

// validateAreas checks the areas and their criteria; it returns the path of every
// criterion by its code.
func (c Catalogue) validateAreas(v *Validation) map[string]string {
	switch {
	case len(c.Areas) == 0:
		v.Add("areas", "Der Katalog braucht mindestens einen Bereich.")
	case len(c.Areas) > MaxCatalogueAreas:
		v.Add("areas", fmt.Sprintf("Höchstens %d Bereiche.", MaxCatalogueAreas))
	}
	areaAt := map[string]string{} // area code → its path
	critAt := map[string]string{} // criterion code → its path
	for i, a := range c.Areas {
		p := fmt.Sprintf("areas[%d]", i)
		checkCode(v, p, a.Code, MaxAreaCodeLen, "Der Bereich", areaAt)
		checkText(v, p+".name", a.Name, MaxAreaNameLen)
		v.Check(a.Kind.Valid(), p+".kind", NotAllowed("service (Leistungsbereich)", "structure (Strukturbereich)"))
		switch {
		case a.MinPoints < 0:
			v.Add(p+".min_points", "Die Mindestpunktzahl darf nicht negativ sein.")
		case a.MinPoints > MaxAreaMinPoints:
			v.Add(p+".min_points", fmt.Sprintf("Die Mindestpunktzahl ist höchstens %d.", MaxAreaMinPoints))
		}
		v.Check(len(a.Criteria) <= MaxAreaCriteria, p+".criteria", fmt.Sprintf("Höchstens %d Kriterien je Bereich.", MaxAreaCriteria))
		for j, cr := range a.Criteria {
			cp := fmt.Sprintf("%s.criteria[%d]", p, j)
			checkCode(v, cp, cr.Code, MaxCriterionCodeLen, "Das Kriterium", critAt)
			checkControl(v, cp+".text", cr.Text, true)
			v.Check(len([]rune(cr.Text)) <= MaxCriterionTextLen, cp+".text", tooLong(MaxCriterionTextLen))
			v.Check(cr.Level.Valid(), cp+".level", NotAllowed("basic (Basiskriterium)", "advanced (Aufbaukriterium)"))
			checkVariants(v, cp+".variants", cr.Variants)
			switch {
			case cr.Points < 0:
				v.Add(cp+".points", "Die Punktzahl darf nicht negativ sein.")
			case cr.Points > MaxCriterionPoints:
				v.Add(cp+".points", fmt.Sprintf("Höchstens %d Punkte je Kriterium.", MaxCriterionPoints))
			}
		}
	}
	return critAt
}

// validateGroups checks the groups against the criteria found by validateAreas.
func (c Catalogue) validateGroups(v *Validation, critAt map[string]string) {
	v.Check(len(c.Groups) <= MaxCatalogueGroups, "groups", fmt.Sprintf("Höchstens %d Gruppen.", MaxCatalogueGroups))
	groupAt := map[string]string{} // group code → its path
	memberOf := map[string]int{}   // criterion code → index of its group
	for i, g := range c.Groups {
		p := fmt.Sprintf("groups[%d]", i)
		checkCode(v, p, g.Code, MaxGroupCodeLen, "Die Gruppe", groupAt)
		v.Check(g.Rule.Valid(), p+".rule", NotAllowed("and (alle Kriterien)", "or (mindestens ein Kriterium)"))
		switch {
		case len(g.Criteria) < MinGroupCriteria:
			v.Add(p+".criteria", fmt.Sprintf("Eine Gruppe verbindet mindestens %d Kriterien.", MinGroupCriteria))
		case len(g.Criteria) > MaxGroupCriteria:
			v.Add(p+".criteria", fmt.Sprintf("Höchstens %d Kriterien je Gruppe.", MaxGroupCriteria))
		}
		for j, code := range g.Criteria {
			f := fmt.Sprintf("%s.criteria[%d]", p, j)
			other, grouped := memberOf[code]
			switch {
			case critAt[code] == "":
				v.Add(f, fmt.Sprintf("Der Katalog hat kein Kriterium „%s“.", code))
			case grouped && other == i:
				v.Add(f, fmt.Sprintf("Das Kriterium „%s“ steht zweimal in der Gruppe.", code))
			case grouped:
				v.Add(f, fmt.Sprintf("Das Kriterium „%s“ gehört schon zur Gruppe „%s“ (groups[%d]).", code, c.Groups[other].Code, other))
			default:
				memberOf[code] = i
			}
		}
	}
}

// tooLong is the message for a text over max characters.
func tooLong(max int) string { return fmt.Sprintf("Ist zu lang (höchstens %d Zeichen).", max) }

// catalogueInvalid is the error of a catalogue document with fields at fault.
func catalogueInvalid(fields []FieldError) error {
	return &Error{Code: EINVALID, Message: "Der Kriterienkatalog ist unvollständig oder fehlerhaft.", Fields: fields}
}

// normalizedItems returns a copy of items with the blanks around codes and notes removed.
func normalizedItems(items []AssessmentItem) []AssessmentItem {
	out := make([]AssessmentItem, len(items))
	for i, it := range items {
		out[i] = AssessmentItem{Code: strings.TrimSpace(it.Code), Met: it.Met, Note: strings.TrimSpace(it.Note)}
	}
	return out
}

// validateItems checks what Score does not: the number of findings and the notes.
func validateItems(items []AssessmentItem) error {
	var v Validation
	v.Check(len(items) <= MaxAssessmentItems, "criteria", fmt.Sprintf("Höchstens %d Befunde.", MaxAssessmentItems))
	for i, it := range items {
		v.Check(it.Code != "", fmt.Sprintf("criteria[%d].code", i), "Darf nicht leer sein.")
		v.Check(len([]rune(it.Note)) <= MaxAssessmentNoteSize, fmt.Sprintf("criteria[%d].note", i), tooLong(MaxAssessmentNoteSize))
	}
	return v.Err()
}

// checkCode checks the code of the area, criterion or group at path: present, not too
// long, a single line, and not used before by another of its kind (seen maps each code to
// the path of its first use, and gets this one).
func checkCode(v *Validation, path, code string, max int, what string, seen map[string]string) {
	checkText(v, path+".code", code, max)
	if code == "" {
		return
	}
	if prev, dup := seen[code]; dup {
		v.Add(path+".code", fmt.Sprintf("%s „%s“ kommt schon in %s vor.", what, code, prev))
		return
	}
	seen[code] = path
}

// checkText checks a single-line text: present, not too long, no control characters.
func checkText(v *Validation, field, value string, max int) {
	checkName(v, field, value, max)
	checkControl(v, field, value, false)
}

// checkControl refuses control characters (NUL, escape sequences, …) in a text, as the
// API's schema does for every string (textcheck.go in pkg/httpapi): a catalogue file
// read by the command line meets the same rule as an upload. Multi-line texts may hold
// tab, line feed and carriage return.
func checkControl(v *Validation, field, s string, multiline bool) {
	for _, r := range s {
		if multiline && (r == '\t' || r == '\n' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) {
			if multiline {
				v.Add(field, "Enthält ein Steuerzeichen (etwa NUL); erlaubt sind nur Tabulator und Zeilenumbruch.")
			} else {
				v.Add(field, "Enthält ein Steuerzeichen (etwa NUL, Tabulator oder Zeilenumbruch); das ist hier nicht erlaubt.")
			}
			return
		}
	}
}

// checkVariants checks the variants of a criterion: known ones, each once; an empty list
// is left out of the document (the criterion applies to all four).
func checkVariants(v *Validation, path string, vs []Variant) {
	seen := map[Variant]bool{}
	for i, x := range vs {
		p := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case !x.Valid():
			v.Add(p, NotAllowed(string(VariantSingleInitial), string(VariantSingleRecertification), string(VariantNetworkInitial), string(VariantNetworkRecertification)))
		case seen[x]:
			v.Add(p, "Jede Variante nur einmal.")
		}
		seen[x] = true
	}
}
