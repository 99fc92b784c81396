package httpapi_test

import (
	"testing"
	"time"
)

// day returns 09:00 UTC of a calendar day (10:00 or 11:00 in Berlin), for travel.
func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(9 * time.Hour)
}

// refused takes a step that must be refused with status want naming exactly the fields.
func (l *lifecycle) refused(t *testing.T, tok, id string, body obj, want int, fields ...string) obj {
	t.Helper()
	cur := l.get("/api/v1/procedures/" + id)
	r := l.in(t).do("POST", "/api/v1/procedures/"+id+"/transitions", body, append(bearer(tok), "If-Match", quoted(versionOf(cur)))...)
	if r.Status != want {
		t.Fatalf("%v: status %d, want %d\n%s", body, r.Status, want, r.Body)
	}
	checkProblem(t, r, want, "", fields)
	return r.JSON(t)
}

// toScheduled nominates the center (as the coordinator) for a re-certification of year,
// registers it with the deadline due, submits, reviews with a passing assessment and
// schedules the visit on visitOn at sites (nil: the single center's Kita). Every day is
// today's, so the caller travels before. It returns the procedure's id.
func (l *lifecycle) toScheduled(center obj, year, due, visitOn string, sites ...obj) string {
	l.t.Helper()
	a := l.env
	id := idOf(a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(center), "kind": "recertification", "kindergarten_year": year}))
	l.step(a.token, id, obj{"action": "register", "evidence_due_on": due}, 200)
	l.step(a.token, id, obj{"action": "submit_evidence"}, 200)
	l.step(l.assessor, id, obj{"action": "start_review"}, 200)
	a.must(200, "PUT", "/api/v1/procedures/"+id+"/assessment", obj{"criteria": []obj{
		{"code": "1.1", "met": true}, {"code": "1.1.1", "met": true}, {"code": "5.1", "met": true}}}, bearer(l.assessor)...)
	visit := obj{"action": "schedule_visit", "visit_on": visitOn}
	if len(sites) > 0 {
		ids := make([]string, len(sites))
		for i, s := range sites {
			ids[i] = idOf(s)
		}
		visit["visit_sites"] = ids
	}
	l.step(l.assessor, id, visit, 200)
	return id
}
