package cert

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// The rules of a catalogue document and of scoring an assessment against it.
//
// A catalogue is data: a document in the CatalogueDocument shape of api/openapi.yaml,
// loaded with `kitacert catalogue import FILE` or PUT /api/v1/catalogues/{version}. The
// limits below are the same as the schema's, so a file loaded from the command line meets
// the same rules as one sent to the API.

// Limits of a catalogue document (the same as in api/openapi.yaml).
const (
	MaxCatalogueAreas     = 20   // areas per catalogue
	MaxAreaCriteria       = 200  // criteria per area
	MaxCatalogueGroups    = 500  // groups per catalogue
	MaxGroupCriteria      = 20   // criteria per group
	MaxCriterionPoints    = 100  // points of one criterion
	MaxAssessmentItems    = 500  // findings per assessment
	MaxAssessmentNoteSize = 4000 // characters of a finding's note
)

// catalogueVersionPattern is the form of a catalogue version; it appears in URLs.
var catalogueVersionPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,20}$`)

// ValidCatalogueVersion reports whether v has the form of a catalogue version: 1 to 20
// letters, digits, dots, hyphens or underscores.
func ValidCatalogueVersion(v string) bool { return catalogueVersionPattern.MatchString(v) }

// Valid reports whether k is a known area kind.
func (k AreaKind) Valid() bool { return k == AreaService || k == AreaStructure }

// Valid reports whether l is a known criterion level.
func (l Level) Valid() bool { return l == LevelBasic || l == LevelAdvanced }

// Valid reports whether r is a known group rule.
func (r GroupRule) Valid() bool { return r == RuleAnd || r == RuleOr }

// CriteriaCount returns the number of criteria in all areas.
func (c Catalogue) CriteriaCount() int {
	n := 0
	for _, a := range c.Areas {
		n += len(a.Criteria)
	}
	return n
}

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
//   - version has the form of ValidCatalogueVersion; title is 1 to 200 characters;
//   - there are 1 to 20 areas; area codes are unique; every area has a name, the kind
//     "service" or "structure", a non-negative minimum and at most 200 criteria;
//   - criterion codes are unique across the whole catalogue (not only within their area);
//     every criterion has the level "basic" or "advanced" and 0 to 100 points;
//   - group codes are unique; every group has the rule "and" or "or" and names 2 to 20
//     existing criteria, none twice, and a criterion belongs to at most one group (so that
//     its points are counted by exactly one rule);
//   - the minimum of every area can be reached: it is at most the points the area earns
//     when every criterion is met (for an OR group, its best member in the area).
//
// The eight areas of the official catalogue are not required, so that a shortened or
// future catalogue can be loaded. Validate does not trim; ParseCatalogue and
// Service.PutCatalogue remove surrounding blanks first.
func (c Catalogue) Validate() error {
	var v Validation
	v.Check(ValidCatalogueVersion(c.Version), "version",
		"Die Version besteht aus 1 bis 20 Zeichen: Buchstaben, Ziffern, Punkt, Bindestrich oder Unterstrich.")
	checkName(&v, "title", c.Title, 200)
	switch {
	case len(c.Areas) == 0:
		v.Add("areas", "Der Katalog braucht mindestens einen Bereich.")
	case len(c.Areas) > MaxCatalogueAreas:
		v.Add("areas", fmt.Sprintf("Höchstens %d Bereiche.", MaxCatalogueAreas))
	}
	areaAt := map[string]int{}
	critAt := map[string]string{} // criterion code → its path
	for i, a := range c.Areas {
		p := fmt.Sprintf("areas[%d]", i)
		checkName(&v, p+".code", a.Code, 10)
		if prev, dup := areaAt[a.Code]; dup && a.Code != "" {
			v.Add(p+".code", fmt.Sprintf("Der Bereich „%s“ kommt schon in areas[%d] vor.", a.Code, prev))
		} else {
			areaAt[a.Code] = i
		}
		checkName(&v, p+".name", a.Name, 200)
		v.Check(a.Kind.Valid(), p+".kind", NotAllowed("service (Leistungsbereich)", "structure (Strukturbereich)"))
		v.Check(a.MinPoints >= 0, p+".min_points", "Die Mindestpunktzahl darf nicht negativ sein.")
		v.Check(len(a.Criteria) <= MaxAreaCriteria, p+".criteria", fmt.Sprintf("Höchstens %d Kriterien je Bereich.", MaxAreaCriteria))
		for j, cr := range a.Criteria {
			cp := fmt.Sprintf("%s.criteria[%d]", p, j)
			checkName(&v, cp+".code", cr.Code, 20)
			if prev, dup := critAt[cr.Code]; dup && cr.Code != "" {
				v.Add(cp+".code", fmt.Sprintf("Das Kriterium „%s“ kommt schon in %s vor.", cr.Code, prev))
			} else if cr.Code != "" {
				critAt[cr.Code] = cp
			}
			v.Check(len([]rune(cr.Text)) <= 2000, cp+".text", "Ist zu lang (höchstens 2000 Zeichen).")
			v.Check(cr.Level.Valid(), cp+".level", NotAllowed("basic (Basiskriterium)", "advanced (Aufbaukriterium)"))
			switch {
			case cr.Points < 0:
				v.Add(cp+".points", "Die Punktzahl darf nicht negativ sein.")
			case cr.Points > MaxCriterionPoints:
				v.Add(cp+".points", fmt.Sprintf("Höchstens %d Punkte je Kriterium.", MaxCriterionPoints))
			}
		}
	}
	v.Check(len(c.Groups) <= MaxCatalogueGroups, "groups", fmt.Sprintf("Höchstens %d Gruppen.", MaxCatalogueGroups))
	groupAt := map[string]int{}
	memberOf := map[string]int{} // criterion code → index of its group
	for i, g := range c.Groups {
		p := fmt.Sprintf("groups[%d]", i)
		checkName(&v, p+".code", g.Code, 20)
		if prev, dup := groupAt[g.Code]; dup && g.Code != "" {
			v.Add(p+".code", fmt.Sprintf("Die Gruppe „%s“ kommt schon in groups[%d] vor.", g.Code, prev))
		} else {
			groupAt[g.Code] = i
		}
		v.Check(g.Rule.Valid(), p+".rule", NotAllowed("and (alle Kriterien)", "or (mindestens ein Kriterium)"))
		switch {
		case len(g.Criteria) < 2:
			v.Add(p+".criteria", "Eine Gruppe verbindet mindestens zwei Kriterien.")
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

// criterionRef locates a criterion: the index of its area and its points.
type criterionRef struct {
	area   int
	points int
}

// index maps every criterion code to its area and points.
func (c Catalogue) index() map[string]criterionRef {
	idx := make(map[string]criterionRef, c.CriteriaCount())
	for i, a := range c.Areas {
		for _, cr := range a.Criteria {
			idx[cr.Code] = criterionRef{area: i, points: cr.Points}
		}
	}
	return idx
}

// maxPoints returns, for every area, the points it earns at best: every ungrouped and
// AND-grouped criterion met, and for each OR group the best of its members in the area.
func (c Catalogue) maxPoints() []int {
	idx := c.index()
	most := make([]int, len(c.Areas))
	grouped := map[string]bool{}
	for _, g := range c.Groups {
		best := map[int]int{} // area → best member points (OR)
		for _, code := range g.Criteria {
			ref, ok := idx[code]
			if !ok {
				continue
			}
			grouped[code] = true
			if g.Rule == RuleAnd {
				most[ref.area] += ref.points
			} else if ref.points > best[ref.area] {
				best[ref.area] = ref.points
			}
		}
		for area, p := range best {
			most[area] += p
		}
	}
	for i, a := range c.Areas {
		for _, cr := range a.Criteria {
			if !grouped[cr.Code] {
				most[i] += cr.Points
			}
		}
	}
	return most
}

// Score computes the result of an assessment: the findings in items against c.
//
// The semantics:
//   - A criterion counts as met only when its item says so; a criterion without an item
//     is not met, so a partial assessment scores what has been found so far.
//   - An ungrouped criterion that is met earns its points.
//   - AND group (e.g. 1.1 AND 1.1.1): each member earns its points only when every member
//     of the group is met; otherwise no member earns anything.
//   - OR group (e.g. 1.3 OR 1.3.1): the group earns the points of its best met member,
//     once (the first such member in the group's order when several have equal points);
//     the other members earn nothing.
//   - Points go to the area of the criterion that earns them, also when a group spans
//     areas.
//   - An area passes when its points reach its minimum (points >= MinPoints); the
//     assessment passes when every area passes.
//
// An item whose code the catalogue does not know, and a second item for the same code,
// are EINVALID with the field "criteria[i].code" (i is the item's index), as the API's
// AssessmentPut names them. The areas of the Score follow the catalogue's order.
func (c Catalogue) Score(items []AssessmentItem) (Score, error) {
	idx := c.index()
	var v Validation
	seen := make(map[string]int, len(items))
	met := make(map[string]bool, len(items))
	for i, it := range items {
		f := fmt.Sprintf("criteria[%d].code", i)
		if _, ok := idx[it.Code]; !ok {
			v.Add(f, fmt.Sprintf("Der Kriterienkatalog %s hat kein Kriterium „%s“.", c.Version, it.Code))
			continue
		}
		if prev, dup := seen[it.Code]; dup {
			v.Add(f, fmt.Sprintf("Das Kriterium „%s“ steht schon in criteria[%d].", it.Code, prev))
			continue
		}
		seen[it.Code] = i
		met[it.Code] = it.Met
	}
	if err := v.Err(); err != nil {
		return Score{}, err
	}
	return c.score(met, idx), nil
}

// score applies the rules documented at Score to the set of met criteria.
func (c Catalogue) score(met map[string]bool, idx map[string]criterionRef) Score {
	points := make([]int, len(c.Areas))
	grouped := map[string]bool{}
	for _, g := range c.Groups {
		for _, code := range g.Criteria {
			grouped[code] = true
		}
		switch g.Rule {
		case RuleAnd:
			all := true
			for _, code := range g.Criteria {
				if _, ok := idx[code]; !ok || !met[code] {
					all = false
				}
			}
			if all {
				for _, code := range g.Criteria {
					points[idx[code].area] += idx[code].points
				}
			}
		case RuleOr:
			best, found := criterionRef{}, false
			for _, code := range g.Criteria {
				ref, ok := idx[code]
				if ok && met[code] && (!found || ref.points > best.points) {
					best, found = ref, true
				}
			}
			if found {
				points[best.area] += best.points
			}
		}
	}
	for i, a := range c.Areas {
		for _, cr := range a.Criteria {
			if met[cr.Code] && !grouped[cr.Code] {
				points[i] += cr.Points
			}
		}
	}
	s := Score{Areas: make([]AreaScore, len(c.Areas)), Passed: true}
	for i, a := range c.Areas {
		pass := points[i] >= a.MinPoints
		s.Areas[i] = AreaScore{Code: a.Code, Name: a.Name, Points: points[i], MinPoints: a.MinPoints, Passed: pass}
		s.Passed = s.Passed && pass
	}
	return s
}

// ---- the document ----

// catalogueDoc is the JSON document of a catalogue: the CatalogueDocument shape of the
// API, and what the catalogues table keeps.
type catalogueDoc struct {
	Version      string     `json:"version"`
	Title        string     `json:"title"`
	Illustrative bool       `json:"illustrative"`
	Areas        []areaDoc  `json:"areas"`
	Groups       []groupDoc `json:"groups"`
}

type areaDoc struct {
	Code      string         `json:"code"`
	Name      string         `json:"name"`
	Kind      AreaKind       `json:"kind"`
	MinPoints int            `json:"min_points"`
	Criteria  []criterionDoc `json:"criteria"`
}

type criterionDoc struct {
	Code   string `json:"code"`
	Text   string `json:"text,omitempty"`
	Level  Level  `json:"level"`
	Points int    `json:"points"`
}

type groupDoc struct {
	Code     string    `json:"code"`
	Rule     GroupRule `json:"rule"`
	Criteria []string  `json:"criteria"`
}

// MarshalDocument renders c as a catalogue document (the CatalogueDocument shape), the
// form that DecodeCatalogue and ParseCatalogue read back. LoadedAt and LoadedBy are not
// part of the document.
func (c Catalogue) MarshalDocument() ([]byte, error) {
	d := catalogueDoc{Version: c.Version, Title: c.Title, Illustrative: c.Illustrative,
		Areas: make([]areaDoc, len(c.Areas)), Groups: make([]groupDoc, len(c.Groups))}
	for i, a := range c.Areas {
		ad := areaDoc{Code: a.Code, Name: a.Name, Kind: a.Kind, MinPoints: a.MinPoints, Criteria: make([]criterionDoc, len(a.Criteria))}
		for j, cr := range a.Criteria {
			ad.Criteria[j] = criterionDoc(cr)
		}
		d.Areas[i] = ad
	}
	for i, g := range c.Groups {
		members := g.Criteria
		if members == nil {
			members = []string{}
		}
		d.Groups[i] = groupDoc{Code: g.Code, Rule: g.Rule, Criteria: members}
	}
	return json.MarshalIndent(d, "", "  ")
}

// ParseCatalogue reads a catalogue document (the CatalogueDocument shape of the API, as
// `kitacert catalogue import FILE` reads it), removes the blanks around codes, names and
// texts, and validates it (see Catalogue.Validate). Decoding is strict: an unknown field,
// a missing required field, a value of the wrong type and anything after the document
// are EINVALID errors naming the field path ("areas[1].criteria[0].bogus"); the rules of
// Validate are checked only once the document has the right shape, so a file with both
// kinds of problems reports its shape first.
func ParseCatalogue(data []byte) (Catalogue, error) {
	c, err := DecodeCatalogue(data)
	if err != nil {
		return Catalogue{}, err // the rules are checked on a well-formed document only
	}
	c = c.normalized()
	if err := c.Validate(); err != nil {
		return Catalogue{}, err
	}
	return c, nil
}

// catalogueInvalid is the error of a catalogue document with fields at fault.
func catalogueInvalid(fields []FieldError) error {
	return &Error{Code: EINVALID, Message: "Der Kriterienkatalog ist unvollständig oder fehlerhaft.", Fields: fields}
}

// DecodeCatalogue reads a catalogue document strictly (as ParseCatalogue does) but
// checks only its shape, not the rules of Validate: the store reads catalogues back with
// it, which were validated when they were put.
func DecodeCatalogue(data []byte) (Catalogue, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	err := dec.Decode(&raw)
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			err = errors.New("unerwartete Zeichen nach dem Dokument")
		}
	}
	if err != nil {
		msg := "Der Kriterienkatalog ist kein gültiges JSON: " + jsonProblem(data, err)
		return Catalogue{}, &Error{Code: EINVALID, Message: msg, Fields: []FieldError{{Field: "document", Message: msg}}}
	}
	r := &docReader{}
	c := r.catalogue(raw)
	if r.v.Err() != nil {
		return c, catalogueInvalid(r.v.fields)
	}
	return c, nil
}

// jsonProblem describes a syntax error with its line, for people fixing a file.
func jsonProblem(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		return fmt.Sprintf("%s (Zeile %d)", se.Error(), line)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "das Dokument ist leer oder bricht ab"
	}
	return err.Error()
}

// docReader decodes a catalogue document field by field, so that every problem is
// reported with its path and all of them at once.
type docReader struct {
	v Validation
}

// object reads an object, reporting unknown and missing fields. It returns nil when raw
// is no object.
func (r *docReader) object(path string, raw json.RawMessage, known, required []string) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if isNull(raw) || json.Unmarshal(raw, &m) != nil {
		r.v.Add(orDocument(path), "Falscher Typ; erwartet: Objekt.")
		return nil
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		r.v.Add(join(path, k), "Unbekanntes Feld.")
	}
	for _, k := range required {
		if _, ok := m[k]; !ok {
			r.v.Add(join(path, k), "Pflichtfeld.")
		}
	}
	return m
}

// str reads an optional string field; absent is "".
func (r *docReader) str(path string, m map[string]json.RawMessage, key string) string {
	raw, ok := m[key]
	if !ok {
		return ""
	}
	var s string
	if isNull(raw) {
		r.v.Add(join(path, key), "Darf nicht null sein.")
	} else if json.Unmarshal(raw, &s) != nil {
		r.v.Add(join(path, key), "Falscher Typ; erwartet: Text.")
	}
	return s
}

// integer reads an optional whole-number field; absent is 0.
func (r *docReader) integer(path string, m map[string]json.RawMessage, key string) int {
	raw, ok := m[key]
	if !ok {
		return 0
	}
	var n int
	if isNull(raw) {
		r.v.Add(join(path, key), "Darf nicht null sein.")
	} else if json.Unmarshal(raw, &n) != nil {
		r.v.Add(join(path, key), "Falscher Typ; erwartet: ganze Zahl.")
	}
	return n
}

// boolean reads an optional true/false field; absent is false.
func (r *docReader) boolean(path string, m map[string]json.RawMessage, key string) bool {
	raw, ok := m[key]
	if !ok {
		return false
	}
	var b bool
	if isNull(raw) {
		r.v.Add(join(path, key), "Darf nicht null sein.")
	} else if json.Unmarshal(raw, &b) != nil {
		r.v.Add(join(path, key), "Falscher Typ; erwartet: true oder false.")
	}
	return b
}

// array reads an optional list field; absent is nil.
func (r *docReader) array(path string, m map[string]json.RawMessage, key string) []json.RawMessage {
	raw, ok := m[key]
	if !ok {
		return nil
	}
	var list []json.RawMessage
	if isNull(raw) {
		r.v.Add(join(path, key), "Darf nicht null sein.")
	} else if json.Unmarshal(raw, &list) != nil {
		r.v.Add(join(path, key), "Falscher Typ; erwartet: Liste.")
	}
	return list
}

func (r *docReader) catalogue(raw json.RawMessage) Catalogue {
	m := r.object("", raw, []string{"version", "title", "illustrative", "areas", "groups"}, []string{"version", "title", "areas"})
	if m == nil {
		return Catalogue{}
	}
	c := Catalogue{Version: r.str("", m, "version"), Title: r.str("", m, "title"), Illustrative: r.boolean("", m, "illustrative")}
	for i, a := range r.array("", m, "areas") {
		c.Areas = append(c.Areas, r.area(fmt.Sprintf("areas[%d]", i), a))
	}
	for i, g := range r.array("", m, "groups") {
		c.Groups = append(c.Groups, r.group(fmt.Sprintf("groups[%d]", i), g))
	}
	return c
}

func (r *docReader) area(path string, raw json.RawMessage) Area {
	m := r.object(path, raw, []string{"code", "name", "kind", "min_points", "criteria"}, []string{"code", "name", "kind", "min_points", "criteria"})
	if m == nil {
		return Area{}
	}
	a := Area{Code: r.str(path, m, "code"), Name: r.str(path, m, "name"), Kind: AreaKind(r.str(path, m, "kind")),
		MinPoints: r.integer(path, m, "min_points")}
	for i, cr := range r.array(path, m, "criteria") {
		a.Criteria = append(a.Criteria, r.criterion(fmt.Sprintf("%s.criteria[%d]", path, i), cr))
	}
	return a
}

func (r *docReader) criterion(path string, raw json.RawMessage) Criterion {
	m := r.object(path, raw, []string{"code", "text", "level", "points"}, []string{"code", "level", "points"})
	if m == nil {
		return Criterion{}
	}
	return Criterion{Code: r.str(path, m, "code"), Text: r.str(path, m, "text"), Level: Level(r.str(path, m, "level")),
		Points: r.integer(path, m, "points")}
}

func (r *docReader) group(path string, raw json.RawMessage) CriteriaGroup {
	m := r.object(path, raw, []string{"code", "rule", "criteria"}, []string{"code", "rule", "criteria"})
	if m == nil {
		return CriteriaGroup{}
	}
	g := CriteriaGroup{Code: r.str(path, m, "code"), Rule: GroupRule(r.str(path, m, "rule"))}
	for i, code := range r.array(path, m, "criteria") {
		var s string
		f := fmt.Sprintf("%s.criteria[%d]", path, i)
		if isNull(code) || json.Unmarshal(code, &s) != nil {
			r.v.Add(f, "Falscher Typ; erwartet: Text (ein Kriteriencode).")
		}
		g.Criteria = append(g.Criteria, s)
	}
	return g
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// join appends a field name to a path: "areas[0]" + "code" is "areas[0].code".
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orDocument(path string) string {
	if path == "" {
		return "document"
	}
	return path
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
		v.Check(len([]rune(it.Note)) <= MaxAssessmentNoteSize, fmt.Sprintf("criteria[%d].note", i),
			fmt.Sprintf("Ist zu lang (höchstens %d Zeichen).", MaxAssessmentNoteSize))
	}
	return v.Err()
}
