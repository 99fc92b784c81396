package httpapi_test

import (
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
)

// asmScene is a youth office with two single centers, each with a procedure against the
// catalogue "A1" (catDoc): one in review, one with its evidence submitted.
type asmScene struct {
	a                  *env
	reviewed, waiting  string // procedure ids
	assessor, officeTk string // tokens
	strangerTk         string // a youth office user of another office
	leaderTk, leader2  string // Kita leaders of the reviewed and the waiting center
}

func asmPath(id string) string { return "/api/v1/procedures/" + id + "/assessment" }

func asmAuth(tok string) []string { return []string{"Authorization", "Bearer " + tok} }

// asmStep takes a transition as tok with the procedure's current version.
func (s *asmScene) asmStep(tok, id string, body obj) obj {
	s.a.t.Helper()
	cur := s.a.get("/api/v1/procedures/" + id)
	return s.a.must(200, "POST", "/api/v1/procedures/"+id+"/transitions", body, append(asmAuth(tok), "If-Match", quoted(versionOf(cur)))...)
}

func newAsmScene(t *testing.T, a *env) *asmScene {
	t.Helper()
	s := &asmScene{a: a}
	a.must(201, "PUT", catPath("A1"), catDoc("A1"))
	yo, other := a.youthOffice(), a.youthOffice(obj{"name": "Jugendamt Anderswo"})
	pr := a.provider()
	k0, k1 := a.kita(yo, pr, obj{"name": "Kita Befund"}), a.kita(yo, pr, obj{"name": "Kita Wartet"})
	c0, c1 := a.center("single", "FZ Befund", members(k0)), a.center("single", "FZ Wartet", members(k1))
	yoID, otherID, k0ID, k1ID := uuidOf(yo), uuidOf(other), uuidOf(k0), uuidOf(k1)
	_, s.assessor = a.newUser(access.RoleAssessor, nil, nil)
	_, s.officeTk = a.newUser(access.RoleYouthOffice, &yoID, nil)
	_, s.strangerTk = a.newUser(access.RoleYouthOffice, &otherID, nil)
	_, s.leaderTk = a.newUser(access.RoleKitaLeader, nil, &k0ID)
	_, s.leader2 = a.newUser(access.RoleKitaLeader, nil, &k1ID)

	a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": idOf(yo), "kindergarten_year": "2026/27", "places": 2})
	var ids []string
	for _, c := range []obj{c0, c1} {
		p := a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(c), "kind": "initial", "kindergarten_year": "2026/27", "catalogue_version": "A1"})
		s.asmStep(a.token, idOf(p), obj{"action": "register", "evidence_due_on": "2027-01-15"})
		s.asmStep(a.token, idOf(p), obj{"action": "submit_evidence"})
		ids = append(ids, idOf(p))
	}
	s.reviewed, s.waiting = ids[0], ids[1]
	if p := s.asmStep(s.assessor, s.reviewed, obj{"action": "start_review"}); p["state"] != "in_review" {
		t.Fatalf("start_review: %v", p)
	}
	return s
}

// asmFindings builds an AssessmentPut body.
func asmFindings(items ...obj) obj {
	if items == nil {
		items = []obj{}
	}
	return obj{"criteria": items}
}

func asmMet(code string) obj    { return obj{"code": code, "met": true} }
func asmNotMet(code string) obj { return obj{"code": code, "met": false} }

func TestAssessmentOverHTTP(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		s := newAsmScene(t, a)
		as := asmAuth(s.assessor)
		zero := obj{"procedure_id": s.reviewed, "catalogue_version": "A1", "criteria": []any{}, "passed": false, "areas": []any{
			obj{"code": "1", "name": "Beratung und Unterstützung von Kindern und Familien", "points": 0, "min_points": 3, "passed": false},
			obj{"code": "7", "name": "Kommunikation", "points": 0, "min_points": 1, "passed": false},
		}}
		recorded := obj{"procedure_id": s.reviewed, "catalogue_version": "A1", "passed": true,
			"criteria": []any{
				obj{"code": "1.1", "met": true, "note": ""},
				obj{"code": "1.1.1", "met": true, "note": "Sprechstunde dienstags"},
				obj{"code": "1.3", "met": false, "note": ""},
				obj{"code": "7.1", "met": true, "note": ""},
			},
			"areas": []any{
				obj{"code": "1", "name": "Beratung und Unterstützung von Kindern und Familien", "points": 3, "min_points": 3, "passed": true},
				obj{"code": "7", "name": "Kommunikation", "points": 1, "min_points": 1, "passed": true},
			}}
		valid := asmFindings(asmMet("7.1"), asmNotMet("1.3"), obj{"code": "1.1.1", "met": true, "note": " Sprechstunde dienstags "}, asmMet("1.1"))
		runCases(t, a, []apiCase{
			{name: "no findings yet", method: "GET", path: asmPath(s.reviewed), status: 200, check: wantJSON(zero)},
			{name: "the Kita leader of the center reads", method: "GET", path: asmPath(s.reviewed), headers: asmAuth(s.leaderTk), status: 200},
			{name: "the youth office reads", method: "GET", path: asmPath(s.reviewed), headers: asmAuth(s.officeTk), status: 200},
			{name: "another youth office sees nothing", method: "GET", path: asmPath(s.reviewed), headers: asmAuth(s.strangerTk),
				status: 404, problem: probNotFound},
			{name: "another Kita leader sees nothing", method: "GET", path: asmPath(s.reviewed), headers: asmAuth(s.leader2),
				status: 404, problem: probNotFound},
			{name: "unknown procedure", method: "GET", path: asmPath(unknownID), status: 404, problem: probNotFound},
			{name: "malformed id", method: "GET", path: asmPath(badID), status: 400, problem: probValidation, fields: []string{"id"}},
			{name: "anonymous", method: "GET", path: asmPath(s.reviewed), headers: []string{"Authorization", ""}, status: 401},

			{name: "the coordinator may not record", method: "PUT", path: asmPath(s.reviewed), body: valid,
				status: 403, problem: "urn:kitacert:problem:forbidden"},
			{name: "the youth office may not record", method: "PUT", path: asmPath(s.reviewed), body: valid, headers: asmAuth(s.officeTk),
				status: 403, problem: "urn:kitacert:problem:forbidden"},
			{name: "the Kita leader may not record", method: "PUT", path: asmPath(s.reviewed), body: valid, headers: asmAuth(s.leaderTk),
				status: 403, problem: "urn:kitacert:problem:forbidden"},
			{name: "another youth office: not found", method: "PUT", path: asmPath(s.reviewed), body: valid, headers: asmAuth(s.strangerTk),
				status: 404, problem: probNotFound},
			{name: "unknown procedure to record", method: "PUT", path: asmPath(unknownID), body: valid, headers: as,
				status: 404, problem: probNotFound},
			{name: "not in review yet", method: "PUT", path: asmPath(s.waiting), body: valid, headers: as,
				status: 409, problem: probConflict},

			{name: "unknown criterion", method: "PUT", path: asmPath(s.reviewed), headers: as,
				body: asmFindings(asmMet("1.1"), asmMet("9.9")), status: 400, problem: probValidation, fields: []string{"criteria[1].code"}},
			{name: "an area code is no criterion", method: "PUT", path: asmPath(s.reviewed), headers: as,
				body: asmFindings(asmMet("7")), status: 400, problem: probValidation, fields: []string{"criteria[0].code"}},
			{name: "duplicate criterion", method: "PUT", path: asmPath(s.reviewed), headers: as,
				body: asmFindings(asmMet("1.1"), asmMet("1.3"), asmNotMet("1.1")), status: 400, problem: probValidation, fields: []string{"criteria[2].code"}},
			{name: "unknown field in a finding", method: "PUT", path: asmPath(s.reviewed), headers: as,
				body: asmFindings(obj{"code": "1.1", "met": true, "points": 2}), status: 400, problem: probValidation, fields: []string{"criteria[0].points"}},
			{name: "met missing", method: "PUT", path: asmPath(s.reviewed), headers: as,
				body: asmFindings(obj{"code": "1.1"}), status: 400, problem: probValidation, fields: []string{"criteria[0].met"}},
			{name: "note too long", method: "PUT", path: asmPath(s.reviewed), headers: as,
				body:   asmFindings(obj{"code": "1.1", "met": true, "note": strings.Repeat("x", 4001)}),
				status: 400, problem: probValidation, fields: []string{"criteria[0].note"}},
			{name: "criteria missing", method: "PUT", path: asmPath(s.reviewed), headers: as,
				body: obj{}, status: 400, problem: probValidation, fields: []string{"criteria"}},
			{name: "refused findings left nothing", method: "GET", path: asmPath(s.reviewed), status: 200, check: wantJSON(zero)},

			{name: "recorded", method: "PUT", path: asmPath(s.reviewed), headers: as, body: valid, status: 200, check: wantJSON(recorded)},
			{name: "read back", method: "GET", path: asmPath(s.reviewed), status: 200, check: wantJSON(recorded)},
			{name: "the catalogue in use cannot be replaced", method: "PUT", path: catPath("A1"), body: catDoc("A1"),
				status: 409, problem: probConflict, fields: []string{"version"}},
			{name: "replaced by fewer findings", method: "PUT", path: asmPath(s.reviewed), headers: as,
				body: asmFindings(asmMet("1.3.1")), status: 200,
				check: wantJSON(obj{"passed": false, "criteria": []any{obj{"code": "1.3.1", "met": true, "note": ""}}})},
			{name: "emptied", method: "PUT", path: asmPath(s.reviewed), headers: as, body: asmFindings(), status: 200,
				check: wantJSON(obj{"criteria": []any{}, "passed": false})},
		})
	})
}

// TestAssessmentStates: findings may be recorded in review, with a visit scheduled and
// after the visit, and no longer once the procedure is decided.
func TestAssessmentStates(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		s := newAsmScene(t, a)
		as := asmAuth(s.assessor)
		body := asmFindings(asmMet("1.1"), asmMet("1.1.1"), asmMet("1.3"), asmMet("7.1"))
		a.must(200, "PUT", asmPath(s.reviewed), body, as...)
		s.asmStep(s.assessor, s.reviewed, obj{"action": "schedule_visit", "visit_on": "2026-11-22"})
		a.must(200, "PUT", asmPath(s.reviewed), body, as...)
		s.asmStep(s.assessor, s.reviewed, obj{"action": "record_visit"})
		a.must(200, "PUT", asmPath(s.reviewed), body, as...)
		s.asmStep(s.assessor, s.reviewed, obj{"action": "reject", "reason": "Zu Testzwecken abgelehnt."})
		runCases(t, a, []apiCase{
			{name: "decided: no more findings", method: "PUT", path: asmPath(s.reviewed), headers: as, body: body,
				status: 409, problem: probConflict, check: wantJSON(obj{"detail": "Befunde können nur in den Ständen „Begutachtung“, " +
					"„Begehung geplant“ und „Begehung durchgeführt“ erfasst werden; das Verfahren ist im Stand „Nicht zertifiziert“."})},
			{name: "bad findings are named before the state", method: "PUT", path: asmPath(s.reviewed), headers: as,
				body: asmFindings(asmMet("9.9")), status: 400, problem: probValidation, fields: []string{"criteria[0].code"}},
			{name: "the findings stay readable", method: "GET", path: asmPath(s.reviewed), status: 200,
				check: wantJSON(obj{"passed": true})},
		})
	})
}
