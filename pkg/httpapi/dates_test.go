package httpapi_test

import (
	"testing"
)

// TestDatesOfAProcedure: dates a real procedure cannot have are refused with 400 naming
// the field (docs/lifecycle.md, "Dates"); today is 22 Nov 2026 (kindergarten year 2026/27).
func TestDatesOfAProcedure(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		yoID := idOf(l.yo)
		runCases(t, a, []apiCase{
			{name: "nomination for a year that is over", method: "POST", path: "/api/v1/procedures",
				body:   obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2019/20"},
				status: 400, problem: probValidation, fields: []string{"kindergarten_year"}},
			{name: "nomination for last year", method: "POST", path: "/api/v1/procedures",
				body:   obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2025/26"},
				status: 400, problem: probValidation, fields: []string{"kindergarten_year"}},
			{name: "contingent for a year that is over", method: "POST", path: "/api/v1/contingents",
				body:   obj{"youth_office_id": yoID, "kindergarten_year": "2019/20", "places": 3},
				status: 400, problem: probValidation, fields: []string{"kindergarten_year"}},
			{name: "contingent for last year", method: "POST", path: "/api/v1/contingents",
				body:   obj{"youth_office_id": yoID, "kindergarten_year": "2025/26", "places": 3},
				status: 400, problem: probValidation, fields: []string{"kindergarten_year"}},
		})
		cont := a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": yoID, "kindergarten_year": "2026/27", "places": 3})

		id := idOf(a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2026/27"}))
		// a step that does not fit the state names state and step in German; the codes stay in their fields
		c := l.refused(t, l.assessor, id, obj{"action": "certify"}, 409)
		if c["detail"] != "Der Schritt „Zertifizieren“ ist im Stand „Nominiert“ nicht möglich." {
			t.Errorf("detail = %q", c["detail"])
		}
		l.refused(t, a.token, id, obj{"action": "register", "evidence_due_on": "2029-01-15"}, 400, "evidence_due_on")
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2027-01-15"}, 200)
		l.step(a.token, id, obj{"action": "submit_evidence"}, 200)
		l.step(l.assessor, id, obj{"action": "start_review"}, 200)
		a.must(200, "PUT", "/api/v1/procedures/"+id+"/assessment", obj{"criteria": []obj{
			{"code": "1.1", "met": true}, {"code": "1.1.1", "met": true}, {"code": "5.1", "met": true}}}, bearer(l.assessor)...)
		l.refused(t, l.assessor, id, obj{"action": "request_evidence", "missing": "Fragebogen", "evidence_due_on": "2028-01-15"}, 400, "evidence_due_on")
		l.refused(t, l.assessor, id, obj{"action": "schedule_visit", "visit_on": "2029-02-15"}, 400, "visit_on")
		l.refused(t, l.assessor, id, obj{"action": "schedule_visit", "visit_on": "2027-11-23"}, 400, "visit_on") // a year and a day
		l.step(l.assessor, id, obj{"action": "schedule_visit", "visit_on": "2027-02-15"}, 200)
		// the visit is recorded on its day, not before
		p := l.refused(t, l.assessor, id, obj{"action": "record_visit"}, 400, "visit_on")
		if errs := p["errors"].([]any); errs[0].(obj)["message"] != "Die Begehung ist für den 15.02.2027 geplant und kann erst ab diesem Tag als durchgeführt erfasst werden." {
			t.Errorf("message: %v", errs)
		}
		l.travel(day("2027-02-15"))
		l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
		l.travel(day("2027-03-01"))
		l.refused(t, l.assessor, id, obj{"action": "certify", "decided_on": "2027-02-14"}, 400, "decided_on")
		l.refused(t, l.assessor, id, obj{"action": "certify", "valid_from": "2019-08-01"}, 400, "valid_from")
		l.refused(t, l.assessor, id, obj{"action": "certify", "valid_from": "2026-07-31"}, 400, "valid_from")
		l.refused(t, l.assessor, id, obj{"action": "certify", "valid_from": "2027-08-02"}, 400, "valid_from")
		// back-dated within the kindergarten year of the decision: accepted, but no Kita is
		// covered before it joined (the center was formed on 22 Nov 2026)
		p = l.step(l.assessor, id, obj{"action": "certify", "valid_from": "2026-08-01"}, 200)
		seal := a.get("/api/v1/seals/" + p["seal_id"].(string))
		cov := seal["coverage"].([]any)
		if seal["valid_from"] != "2026-08-01" || len(cov) != 1 || cov[0].(obj)["covered_from"] != "2026-11-22" || cov[0].(obj)["awarded"] != true {
			t.Fatalf("seal: %v", seal)
		}

		// a contingent of a year that is over is not changed any more
		l.travel(day("2027-08-01"))
		r := a.do("PATCH", "/api/v1/contingents/"+idOf(cont), obj{"places": 9}, "If-Match", quoted(versionOf(cont)))
		if r.Status != 409 {
			t.Fatalf("PATCH of a past contingent: %d %s", r.Status, r.Body)
		}
		checkProblem(t, r, 409, probConflict, []string{"kindergarten_year"})
	})
}
