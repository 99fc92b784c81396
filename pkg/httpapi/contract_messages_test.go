package httpapi_test

import (
	"strings"
	"testing"
)

// wantMessage checks that the problem names field with a message containing want.
func wantMessage(field, want string) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		t.Helper()
		msgs := fieldMessages(t, r, field)
		if !strings.Contains(strings.Join(msgs, " "), want) {
			t.Errorf("messages for %s = %q, want one containing %q\n%s", field, msgs, want, r.Body)
		}
		if strings.Contains(string(r.Body), "Go struct") || strings.Contains(string(r.Body), "json:") {
			t.Errorf("the problem shows Go internals: %s", r.Body)
		}
	}
}

// TestValidationSpeaksPlainly covers input that used to get answers a person cannot act
// on: a kindergarten year whose halves do not follow each other, huge integers, enum
// codes listed in English grammar, addresses with an extra segment, unknown parameters.
func TestValidationSpeaksPlainly(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		w := a.world()
		yo := idOf(w.yo)
		huge := `1000000000000000000000000000000`
		crit := `{"code":"1.1","level":"basic","points":` + huge + `}`
		cat := `{"version":"T1","title":"T","areas":[{"code":"1","name":"A","kind":"service","min_points":` + huge + `,"criteria":[` + crit + `]}]}`
		runCases(t, a, []apiCase{
			{name: "kindergarten year in a body", method: "POST", path: contingentsPath,
				body: obj{"youth_office_id": yo, "kindergarten_year": "2026/28", "places": 1}, status: 400, problem: probValidation,
				fields: []string{"kindergarten_year"}, check: wantMessage("kindergarten_year", "2026/27")},
			{name: "kindergarten year in a query", method: "GET", path: contingentsPath + "?kindergarten_year=2026/28", status: 400,
				problem: probValidation, fields: []string{"kindergarten_year"}, check: wantMessage("kindergarten_year", "2026/27")},
			{name: "kindergarten year of procedures", method: "GET", path: proceduresPath + "?kindergarten_year=2026%2F2", status: 400,
				problem: probValidation, fields: []string{"kindergarten_year"}, check: wantMessage("kindergarten_year", "2026/27")},
			{name: "huge integers in a catalogue", method: "PUT", path: catPath("T1"), body: cat, status: 400, problem: probValidation,
				fields: []string{"areas[0].min_points", "areas[0].criteria[0].points"},
				check:  wantMessage("areas[0].criteria[0].points", "zwischen 0 und 100")},
			{name: "huge places", method: "POST", path: contingentsPath,
				body: `{"youth_office_id":"` + yo + `","kindergarten_year":"2026/27","places":` + huge + `}`, status: 400,
				problem: probValidation, fields: []string{"places"}, check: wantMessage("places", "zwischen 0 und 1000")},
			{name: "enum in German", method: "GET", path: proceduresPath + "?state=open", status: 400, problem: probValidation,
				fields: []string{"state"}, check: wantMessage("state", "möglich sind „nominated“, „registered“")},
			{name: "enum ends with oder", method: "POST", path: youthOfficesPath, body: obj{"name": "JA", "code": "X1", "region": "nrw"},
				status: 400, problem: probValidation, fields: []string{"region"}, check: wantMessage("region", "„rheinland“ oder „westfalen_lippe“.")},
			{name: "tokens of a user", method: "GET", path: "/api/v1/users/" + unknownID + "/tokens", status: 404, problem: probNotFound},
			{name: "segment after a Kita", method: "GET", path: kitasPath + "/" + idOf(w.kita) + "/x/y", status: 404, problem: probNotFound},
			{name: "unknown filter", method: "GET", path: kitasPath + "?name=Kita&q=Kita", status: 400, problem: probValidation,
				fields: []string{"name"}, check: wantMessage("name", "Unbekannter Parameter")},
			{name: "unknown parameter on a read", method: "GET", path: kitasPath + "/" + idOf(w.kita) + "?expand=all", status: 400,
				problem: probValidation, fields: []string{"expand"}},
			{name: "a malformed JSON body names no Go", method: "POST", path: providersPath, body: `{"name": "x", "kind": }`,
				status: 400, problem: probValidation, fields: []string{"body"}, check: wantMessage("body", "Kein gültiges JSON")},
		})
	})
}
