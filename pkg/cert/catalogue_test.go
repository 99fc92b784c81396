package cert

// Unit tests of the catalogue rules: strict parsing, validation with field paths, scoring
// with AND/OR groups and area minimums. The Catalogues and Assessments services are
// tested in catalogues_test.go.

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
)

// testCatalogueDoc is a small catalogue: area 1 with the groups 1.1 AND 1.1.1 and
// 1.3 OR 1.3.1 (at most 7 points), area 2 without groups (at most 3 points).
func testCatalogueDoc() map[string]any {
	crit := func(code, level string, points int) map[string]any {
		return map[string]any{"code": code, "level": level, "points": points, "text": "Kriterium " + code}
	}
	return map[string]any{
		"version": "2020", "title": "Testkatalog", "illustrative": true,
		"areas": []any{
			map[string]any{"code": "1", "name": "Beratung", "kind": "service", "min_points": 3, "criteria": []any{
				crit("1.1", "basic", 2), crit("1.1.1", "advanced", 1), crit("1.2", "basic", 1),
				crit("1.3", "basic", 2), crit("1.3.1", "advanced", 3),
			}},
			map[string]any{"code": "2", "name": "Kommunikation", "kind": "structure", "min_points": 2, "criteria": []any{
				crit("2.1", "basic", 2), crit("2.2", "advanced", 1),
			}},
		},
		"groups": []any{
			map[string]any{"code": "G1", "rule": "and", "criteria": []any{"1.1", "1.1.1"}},
			map[string]any{"code": "G2", "rule": "or", "criteria": []any{"1.3", "1.3.1"}},
		},
	}
}

// at walks a decoded JSON document: catAt(doc, "areas", 0, "criteria") …
func catAt(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v
}

func catObj(v any) map[string]any { return v.(map[string]any) }

func catJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testCatalogue(t *testing.T) Catalogue {
	t.Helper()
	c, err := ParseCatalogue(catJSON(t, testCatalogueDoc()))
	if err != nil {
		t.Fatalf("the test catalogue does not parse: %v", err)
	}
	return c
}

func TestParseCatalogueValid(t *testing.T) {
	doc := testCatalogueDoc()
	catObj(catAt(doc, "areas", 0))["name"] = "  Beratung  "
	catObj(catAt(doc, "groups", 0))["criteria"] = []any{" 1.1", "1.1.1 "}
	c, err := ParseCatalogue(catJSON(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	want := Catalogue{Version: "2020", Title: "Testkatalog", Illustrative: true,
		Areas: []Area{
			{Code: "1", Name: "Beratung", Kind: AreaService, MinPoints: 3, Criteria: []Criterion{
				{"1.1", "Kriterium 1.1", LevelBasic, 2, nil}, {"1.1.1", "Kriterium 1.1.1", LevelAdvanced, 1, nil},
				{"1.2", "Kriterium 1.2", LevelBasic, 1, nil}, {"1.3", "Kriterium 1.3", LevelBasic, 2, nil},
				{"1.3.1", "Kriterium 1.3.1", LevelAdvanced, 3, nil}}},
			{Code: "2", Name: "Kommunikation", Kind: AreaStructure, MinPoints: 2, Criteria: []Criterion{
				{"2.1", "Kriterium 2.1", LevelBasic, 2, nil}, {"2.2", "Kriterium 2.2", LevelAdvanced, 1, nil}}},
		},
		Groups: []CriteriaGroup{{"G1", RuleAnd, []string{"1.1", "1.1.1"}}, {"G2", RuleOr, []string{"1.3", "1.3.1"}}},
	}
	if d := cmp.Diff(want, c); d != "" {
		t.Errorf("parsed catalogue (-want +got):\n%s", d)
	}
	if c.CriteriaCount() != 7 {
		t.Errorf("CriteriaCount = %d, want 7", c.CriteriaCount())
	}

	// Optional fields may be left out: illustrative, groups, a criterion's text.
	delete(doc, "illustrative")
	delete(doc, "groups")
	delete(catObj(catAt(doc, "areas", 1, "criteria", 0)), "text")
	c, err = ParseCatalogue(catJSON(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	if c.Illustrative || len(c.Groups) != 0 || c.Areas[1].Criteria[0].Text != "" {
		t.Errorf("defaults: illustrative %v, %d groups, text %q", c.Illustrative, len(c.Groups), c.Areas[1].Criteria[0].Text)
	}
}

// TestParseCatalogueErrors names, for every way a document can be wrong, the fields
// the error must name (and only those).
func TestParseCatalogueErrors(t *testing.T) {
	type doc = map[string]any
	area := func(d doc, i int) doc { return catObj(catAt(d, "areas", i)) }
	crit := func(d doc, i, j int) doc { return catObj(catAt(d, "areas", i, "criteria", j)) }
	group := func(d doc, i int) doc { return catObj(catAt(d, "groups", i)) }
	tests := []struct {
		name   string
		modify func(d doc)
		raw    string // sent instead of the document when set
		want   []string
	}{
		// strict decoding
		{name: "unknown top-level field", modify: func(d doc) { d["bogus"] = 1 }, want: []string{"bogus"}},
		// control characters, as the API's schema refuses them
		{name: "control characters", modify: func(d doc) {
			d["title"] = "A\x00B"
			area(d, 0)["name"] = "Bereich\x1b[31m"
			crit(d, 0, 0)["text"] = "Zeile 1\nZeile 2\tund\x07"
			crit(d, 0, 1)["text"] = "Zeile 1\r\nZeile 2\tmit Tabulator"
		}, want: []string{"areas[0].criteria[0].text", "areas[0].name", "title"}},
		{name: "unknown area field", modify: func(d doc) { area(d, 1)["colour"] = "rot" }, want: []string{"areas[1].colour"}},
		{name: "unknown criterion field", modify: func(d doc) { crit(d, 0, 4)["weight"] = 2 }, want: []string{"areas[0].criteria[4].weight"}},
		{name: "unknown group field", modify: func(d doc) { group(d, 1)["note"] = "" }, want: []string{"groups[1].note"}},
		{name: "two unknown fields", modify: func(d doc) { d["a"], d["b"] = 1, 2 }, want: []string{"a", "b"}},
		{name: "version missing", modify: func(d doc) { delete(d, "version") }, want: []string{"version"}},
		{name: "title missing", modify: func(d doc) { delete(d, "title") }, want: []string{"title"}},
		{name: "areas missing", modify: func(d doc) { delete(d, "areas") }, want: []string{"areas"}},
		{name: "area kind missing", modify: func(d doc) { delete(area(d, 0), "kind") }, want: []string{"areas[0].kind"}},
		{name: "area min_points missing", modify: func(d doc) { delete(area(d, 1), "min_points") }, want: []string{"areas[1].min_points"}},
		{name: "criterion points missing", modify: func(d doc) { delete(crit(d, 1, 1), "points") }, want: []string{"areas[1].criteria[1].points"}},
		{name: "group rule missing", modify: func(d doc) { delete(group(d, 0), "rule") }, want: []string{"groups[0].rule"}},
		{name: "points as text", modify: func(d doc) { crit(d, 0, 2)["points"] = "1" }, want: []string{"areas[0].criteria[2].points"}},
		{name: "points not whole", modify: func(d doc) { crit(d, 0, 2)["points"] = 1.5 }, want: []string{"areas[0].criteria[2].points"}},
		{name: "title null", modify: func(d doc) { d["title"] = nil }, want: []string{"title"}},
		{name: "illustrative as text", modify: func(d doc) { d["illustrative"] = "ja" }, want: []string{"illustrative"}},
		{name: "areas an object", modify: func(d doc) { d["areas"] = doc{} }, want: []string{"areas"}},
		{name: "area a string", modify: func(d doc) { d["areas"].([]any)[1] = "2" }, want: []string{"areas[1]"}},
		{name: "criterion null", modify: func(d doc) { area(d, 1)["criteria"].([]any)[0] = nil }, want: []string{"areas[1].criteria[0]"}},
		{name: "group member a number", modify: func(d doc) { group(d, 0)["criteria"] = []any{"1.1", 11} }, want: []string{"groups[0].criteria[1]"}},
		{name: "document an array", raw: `[]`, want: []string{"document"}},
		{name: "document null", raw: `null`, want: []string{"document"}},
		{name: "empty document", raw: ``, want: []string{"document"}},
		{name: "syntax error", raw: "{\n\"version\": \"2020\",\n}", want: []string{"document"}},
		{name: "garbage after the document", raw: `{"version":"2020"} x`, want: []string{"document"}},
		// the rules
		{name: "version with a slash", modify: func(d doc) { d["version"] = "2020/21" }, want: []string{"version"}},
		{name: "version 21 characters", modify: func(d doc) { d["version"] = strings.Repeat("1", 21) }, want: []string{"version"}},
		{name: "version blank", modify: func(d doc) { d["version"] = "  " }, want: []string{"version"}},
		{name: "title blank", modify: func(d doc) { d["title"] = " \t " }, want: []string{"title"}},
		{name: "title 201 characters", modify: func(d doc) { d["title"] = strings.Repeat("ü", 201) }, want: []string{"title"}},
		{name: "no areas", modify: func(d doc) { d["areas"], d["groups"] = []any{}, []any{} }, want: []string{"areas"}},
		{name: "area code taken", modify: func(d doc) { area(d, 1)["code"] = "1" }, want: []string{"areas[1].code"}},
		{name: "area code taken after trimming", modify: func(d doc) { area(d, 1)["code"] = " 1 " }, want: []string{"areas[1].code"}},
		{name: "area code empty", modify: func(d doc) { area(d, 0)["code"] = "" }, want: []string{"areas[0].code"}},
		{name: "area name empty", modify: func(d doc) { area(d, 0)["name"] = "" }, want: []string{"areas[0].name"}},
		{name: "area kind unknown", modify: func(d doc) { area(d, 0)["kind"] = "Leistung" }, want: []string{"areas[0].kind"}},
		{name: "negative minimum", modify: func(d doc) { area(d, 1)["min_points"] = -1 }, want: []string{"areas[1].min_points"}},
		{name: "minimum over the limit", modify: func(d doc) { area(d, 1)["min_points"] = MaxAreaMinPoints + 1 }, want: []string{"areas[1].min_points"}},
		{name: "areas null", modify: func(d doc) { d["areas"] = nil }, want: []string{"areas"}},
		{name: "group member null", modify: func(d doc) { group(d, 1)["criteria"] = []any{"1.3", nil} }, want: []string{"groups[1].criteria[1]"}},
		{name: "shape problems in several objects at once", modify: func(d doc) {
			delete(area(d, 0), "name")
			crit(d, 1, 0)["points"] = true
			group(d, 1)["x"] = 1
		}, want: []string{"areas[0].name", "areas[1].criteria[0].points", "groups[1].x"}},
		{name: "minimum out of reach", modify: func(d doc) { area(d, 0)["min_points"] = 8 }, want: []string{"areas[0].min_points"}},
		{name: "criterion code taken in its area", modify: func(d doc) { crit(d, 0, 2)["code"] = "1.1" }, want: []string{"areas[0].criteria[2].code"}},
		{name: "criterion code taken in another area", modify: func(d doc) { crit(d, 1, 0)["code"] = "1.2" }, want: []string{"areas[1].criteria[0].code"}},
		{name: "criterion code empty", modify: func(d doc) { crit(d, 1, 1)["code"] = " " }, want: []string{"areas[1].criteria[1].code"}},
		{name: "criterion level unknown", modify: func(d doc) { crit(d, 1, 1)["level"] = "Aufbau" }, want: []string{"areas[1].criteria[1].level"}},
		{name: "negative points", modify: func(d doc) { crit(d, 1, 1)["points"] = -1 }, want: []string{"areas[1].criteria[1].points"}},
		{name: "101 points", modify: func(d doc) { crit(d, 1, 1)["points"] = 101 }, want: []string{"areas[1].criteria[1].points"}},
		{name: "criterion text 2001 characters", modify: func(d doc) { crit(d, 1, 1)["text"] = strings.Repeat("x", 2001) }, want: []string{"areas[1].criteria[1].text"}},
		{name: "group names an unknown criterion", modify: func(d doc) { group(d, 0)["criteria"] = []any{"1.1", "9.9"} }, want: []string{"groups[0].criteria[1]"}},
		{name: "group names an area", modify: func(d doc) { group(d, 1)["criteria"] = []any{"1", "1.3"} }, want: []string{"groups[1].criteria[0]"}},
		{name: "group with one member", modify: func(d doc) { group(d, 0)["criteria"] = []any{"1.1"} }, want: []string{"groups[0].criteria"}},
		{name: "group without members", modify: func(d doc) { group(d, 0)["criteria"] = []any{} }, want: []string{"groups[0].criteria"}},
		{name: "member twice in a group", modify: func(d doc) { group(d, 0)["criteria"] = []any{"1.1", "1.1", "1.1.1"} }, want: []string{"groups[0].criteria[1]"}},
		{name: "criterion in two groups", modify: func(d doc) { group(d, 1)["criteria"] = []any{"1.1.1", "1.3"} }, want: []string{"groups[1].criteria[0]"}},
		{name: "group code taken", modify: func(d doc) { group(d, 1)["code"] = "G1" }, want: []string{"groups[1].code"}},
		{name: "group code empty", modify: func(d doc) { group(d, 1)["code"] = "" }, want: []string{"groups[1].code"}},
		{name: "group rule unknown", modify: func(d doc) { group(d, 1)["rule"] = "xor" }, want: []string{"groups[1].rule"}},
		{name: "every rule broken at once", modify: func(d doc) {
			d["version"] = ""
			area(d, 1)["code"] = "1"
			crit(d, 1, 0)["code"] = "1.3"
			group(d, 0)["criteria"] = []any{"1.1", "7"}
		}, want: []string{"version", "areas[1].code", "areas[1].criteria[0].code", "groups[0].criteria[1]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.raw)
			if tt.modify != nil {
				d := testCatalogueDoc()
				tt.modify(d)
				data = catJSON(t, d)
			}
			c, err := ParseCatalogue(data)
			if err == nil {
				t.Fatalf("ParseCatalogue accepted %s as %+v", data, c)
			}
			mdCheckFields(t, err, EINVALID, tt.want)
		})
	}
}

// TestDecodeCatalogueMessages pins the German message of each kind of shape problem.
func TestDecodeCatalogueMessages(t *testing.T) {
	tests := []struct {
		raw, field, want string
	}{
		{`{"version":"1","title":"T","areas":[],"bogus":1}`, "bogus", "Unbekanntes Feld."},
		{`{"version":"1","areas":[]}`, "title", "Pflichtfeld."},
		{`{"version":"1","title":null,"areas":[]}`, "title", "Darf nicht null sein."},
		{`{"version":1,"title":"T","areas":[]}`, "version", "Falscher Typ; erwartet: Text."},
		{`{"version":"1","title":"T","illustrative":1,"areas":[]}`, "illustrative", "Falscher Typ; erwartet: true oder false."},
		{`{"version":"1","title":"T","areas":{}}`, "areas", "Falscher Typ; erwartet: Liste."},
		{`{"version":"1","title":"T","areas":[7]}`, "areas[0]", "Falscher Typ; erwartet: Objekt."},
		{`{"version":"1","title":"T","areas":[{"code":"1","name":"A","kind":"service","min_points":1.5,"criteria":[]}]}`,
			"areas[0].min_points", "Falscher Typ; erwartet: ganze Zahl."},
		{`[]`, "document", "Falscher Typ; erwartet: Objekt."},
	}
	for _, tt := range tests {
		_, err := DecodeCatalogue([]byte(tt.raw))
		var e *Error
		if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != tt.field || e.Fields[0].Message != tt.want {
			t.Errorf("DecodeCatalogue(%s) = %v, want %s: %s", tt.raw, err, tt.field, tt.want)
		}
	}
}

func TestParseCatalogueSyntaxErrorNamesTheLine(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"{\n  \"version\": \"2020\",\n  \"title\": x\n}", "kein gültiges JSON: Syntaxfehler in Zeile 3, Zeichen 12."},
		{"{\"title\": \"Ä\", ]", "Syntaxfehler in Zeile 1, Zeichen 16."},
		{"{\"version\": \"2020\"", "Das Dokument ist leer oder bricht ab."},
		{"  ", "Das Dokument ist leer oder bricht ab."},
		{"{} {}", "Nach dem Dokument folgen noch weitere Zeichen."},
		// A line break inside a string: the place is the end of its line.
		{"{\"title\": \"ab\nc\"}", "Syntaxfehler in Zeile 1, Zeichen 14."},
	}
	for _, tt := range tests {
		_, err := ParseCatalogue([]byte(tt.raw))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseCatalogue(%q) = %v, want it to say %q", tt.raw, err, tt.want)
		}
	}
}

func TestCatalogueLimits(t *testing.T) {
	c := testCatalogue(t)
	many := c
	many.Areas = nil
	for i := range MaxCatalogueAreas + 1 {
		many.Areas = append(many.Areas, Area{Code: itoa(i), Name: "B", Kind: AreaService})
	}
	many.Groups = nil
	mdCheckFields(t, many.Validate(), EINVALID, []string{"areas"})
	many.Areas = many.Areas[:MaxCatalogueAreas]
	mdCheckFields(t, many.Validate(), EINVALID, nil)

	big := testCatalogue(t)
	big.Areas[1].Criteria = nil
	for i := range MaxAreaCriteria + 1 {
		big.Areas[1].Criteria = append(big.Areas[1].Criteria, Criterion{Code: "2." + itoa(i), Level: LevelBasic, Points: 1})
	}
	mdCheckFields(t, big.Validate(), EINVALID, []string{"areas[1].criteria"})

	wide := testCatalogue(t)
	wide.Groups = []CriteriaGroup{{Code: "G", Rule: RuleOr, Criteria: make([]string, MaxGroupCriteria+1)}}
	if err := wide.Validate(); err == nil || !strings.Contains(err.Error(), "groups[0].criteria") {
		t.Errorf("a group of %d members: %v", MaxGroupCriteria+1, err)
	}
}

func TestMarshalDocumentRoundTrip(t *testing.T) {
	c := testCatalogue(t)
	c.LoadedAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	doc, err := c.MarshalDocument()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseCatalogue(doc)
	if err != nil {
		t.Fatalf("the marshalled document does not parse: %v\n%s", err, doc)
	}
	c.LoadedAt = time.Time{}
	if d := cmp.Diff(c, back); d != "" {
		t.Errorf("round trip (-before +after):\n%s", d)
	}
}

// TestCatalogueRecord: a catalogue goes to the store as a record and comes back whole;
// the record's columns win over the document; a stored document that does not decode is
// an internal error, never a 400 about the caller's input.
func TestCatalogueRecord(t *testing.T) {
	c := testCatalogue(t)
	by := uuid.New()
	c.LoadedAt, c.LoadedBy = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), &by
	r, err := c.Record()
	if err != nil {
		t.Fatal(err)
	}
	back, err := r.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(c, back); d != "" {
		t.Errorf("record round trip (-before +after):\n%s", d)
	}
	r.Title, r.Illustrative = "Spalte", false
	if back, _ := r.Catalogue(); back.Title != "Spalte" || back.Illustrative {
		t.Errorf("the columns do not win: %q, %v", back.Title, back.Illustrative)
	}
	r.Document = []byte(`{"version": "2020"}`)
	_, err = r.Catalogue()
	if err == nil || ErrorCode(err) == EINVALID || !strings.Contains(err.Error(), "stored catalogue 2020") {
		t.Errorf("an unreadable stored document: %v (code %s)", err, ErrorCode(err))
	}
}

// TestScore checks the scoring rules row by row against the test catalogue.
func TestScore(t *testing.T) {
	c := testCatalogue(t)
	met := func(codes ...string) []AssessmentItem {
		out := make([]AssessmentItem, len(codes))
		for i, code := range codes {
			out[i] = AssessmentItem{Code: code, Met: true}
		}
		return out
	}
	tests := []struct {
		name   string
		items  []AssessmentItem
		points [2]int
		passed bool
	}{
		{"no findings", nil, [2]int{0, 0}, false},
		{"everything not met", []AssessmentItem{{Code: "1.1"}, {Code: "2.1"}}, [2]int{0, 0}, false},
		{"ungrouped criteria earn their points", met("1.2", "2.2"), [2]int{1, 1}, false},
		{"AND group with every member met", met("1.1", "1.1.1"), [2]int{3, 0}, false},
		{"AND group with the basic member only", met("1.1"), [2]int{0, 0}, false},
		{"AND group with the advanced member only", met("1.1.1"), [2]int{0, 0}, false},
		{"AND group: a member found not met", append(met("1.1"), AssessmentItem{Code: "1.1.1", Met: false}), [2]int{0, 0}, false},
		{"OR group with its basic member", met("1.3"), [2]int{2, 0}, false},
		{"OR group with its advanced member", met("1.3.1"), [2]int{3, 0}, false},
		{"OR group with both members counts the best once", met("1.3", "1.3.1"), [2]int{3, 0}, false},
		{"area minimum reached exactly", met("1.3.1", "2.1"), [2]int{3, 2}, true},
		{"one area short of its minimum", met("1.1", "1.1.1", "1.2", "1.3", "1.3.1", "2.2"), [2]int{7, 1}, false},
		{"everything met", met("1.1", "1.1.1", "1.2", "1.3", "1.3.1", "2.1", "2.2"), [2]int{7, 3}, true},
		{"order of findings does not matter", met("2.2", "1.3.1", "2.1", "1.1.1", "1.1"), [2]int{6, 3}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := c.Score(tt.items)
			if err != nil {
				t.Fatal(err)
			}
			want := Score{Passed: tt.passed, Areas: []AreaScore{
				{Code: "1", Name: "Beratung", Points: tt.points[0], MinPoints: 3, Passed: tt.points[0] >= 3},
				{Code: "2", Name: "Kommunikation", Points: tt.points[1], MinPoints: 2, Passed: tt.points[1] >= 2},
			}}
			if d := cmp.Diff(want, s); d != "" {
				t.Errorf("score (-want +got):\n%s", d)
			}
		})
	}
}

// TestScoreGroupsAcrossAreas: points go to the area of the criterion that earns them.
func TestScoreGroupsAcrossAreas(t *testing.T) {
	c := testCatalogue(t)
	c.Groups = []CriteriaGroup{
		{Code: "A", Rule: RuleAnd, Criteria: []string{"1.2", "2.2"}},
		{Code: "O", Rule: RuleOr, Criteria: []string{"1.1", "2.1"}}, // 2 points each: the first met one wins
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		met    []string
		points [2]int
	}{
		{[]string{"1.2", "2.2"}, [2]int{1, 1}},
		{[]string{"2.2"}, [2]int{0, 0}},
		{[]string{"1.1", "2.1"}, [2]int{2, 0}},
		{[]string{"2.1"}, [2]int{0, 2}},
	}
	for _, tt := range tests {
		var items []AssessmentItem
		for _, code := range tt.met {
			items = append(items, AssessmentItem{Code: code, Met: true})
		}
		s, err := c.Score(items)
		if err != nil {
			t.Fatal(err)
		}
		if got := [2]int{s.Areas[0].Points, s.Areas[1].Points}; got != tt.points {
			t.Errorf("met %v: points %v, want %v", tt.met, got, tt.points)
		}
	}
}

func TestScoreRefusesUnknownAndDuplicateCodes(t *testing.T) {
	c := testCatalogue(t)
	tests := []struct {
		name  string
		items []AssessmentItem
		want  []string
	}{
		{"unknown code", []AssessmentItem{{Code: "1.1", Met: true}, {Code: "9.9", Met: true}}, []string{"criteria[1].code"}},
		{"an area code is no criterion", []AssessmentItem{{Code: "1"}}, []string{"criteria[0].code"}},
		{"a group code is no criterion", []AssessmentItem{{Code: "G1"}}, []string{"criteria[0].code"}},
		{"duplicate code", []AssessmentItem{{Code: "1.1", Met: true}, {Code: "1.2"}, {Code: "1.1"}}, []string{"criteria[2].code"}},
		{"both at once", []AssessmentItem{{Code: "x"}, {Code: "2.1"}, {Code: "2.1"}}, []string{"criteria[0].code", "criteria[2].code"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Score(tt.items)
			mdCheckFields(t, err, EINVALID, tt.want)
		})
	}
}

func TestCheckAndScore(t *testing.T) {
	c := testCatalogue(t)
	items := normalizedItems([]AssessmentItem{{Code: " 1.1 ", Met: true, Note: strings.Repeat("n", MaxAssessmentNoteSize+1)},
		{Code: "", Met: true}, {Code: "1.1.1", Met: true, Note: "  gut  "}})
	if items[0].Code != "1.1" || items[2].Note != "gut" {
		t.Errorf("normalizedItems = %+v", items)
	}
	_, err := checkAndScore(c, items)
	mdCheckFields(t, err, EINVALID, []string{"criteria[0].note", "criteria[1].code"})

	items = make([]AssessmentItem, MaxAssessmentItems+1)
	for i := range items {
		items[i] = AssessmentItem{Code: "1.1"}
	}
	if _, err := checkAndScore(c, items); err == nil || !strings.Contains(err.Error(), "criteria") {
		t.Errorf("%d findings: %v", len(items), err)
	}
}

// TestCatalogueDuplicateCodeMessages pins the German message of a code used twice, for
// areas, criteria and groups: it names the code and where it was first used.
func TestCatalogueDuplicateCodeMessages(t *testing.T) {
	d := testCatalogueDoc()
	catObj(catAt(d, "areas", 1))["code"] = "1"
	catObj(catAt(d, "areas", 1, "criteria", 1))["code"] = "1.2"
	catObj(catAt(d, "groups", 1))["code"] = "G1"
	_, err := ParseCatalogue(catJSON(t, d))
	got := map[string]string{}
	for _, f := range FieldsOf(err) {
		got[f.Field] = f.Message
	}
	want := map[string]string{
		"areas[1].code":             "Der Bereich „1“ kommt schon in areas[0] vor.",
		"areas[1].criteria[1].code": "Das Kriterium „1.2“ kommt schon in areas[0].criteria[2] vor.",
		"groups[1].code":            "Die Gruppe „G1“ kommt schon in groups[0] vor.",
	}
	for f, m := range want {
		if got[f] != m {
			t.Errorf("%s: %q, want %q", f, got[f], m)
		}
	}
}
