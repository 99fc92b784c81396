package httpapi_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// testCatalogue is a small catalogue for the lifecycle tests: two areas, an AND group.
var testCatalogue = map[string]any{
	"version": "T1", "title": "Testkatalog",
	"areas": []any{
		map[string]any{"code": "1", "name": "Beratung und Unterstützung", "kind": "service", "min_points": 2, "criteria": []any{
			map[string]any{"code": "1.1", "level": "basic", "points": 1},
			map[string]any{"code": "1.1.1", "level": "advanced", "points": 1},
			map[string]any{"code": "1.2", "level": "basic", "points": 1},
		}},
		map[string]any{"code": "5", "name": "Sozialraumbezug", "kind": "structure", "min_points": 1, "criteria": []any{
			map[string]any{"code": "5.1", "level": "basic", "points": 1},
		}},
	},
	"groups": []any{map[string]any{"code": "G1", "rule": "and", "criteria": []any{"1.1", "1.1.1"}}},
}

// lifecycle is the cast of the end-to-end tests: one youth office with a planner, a Kita
// leader, an assessor, and centers to certify.
type lifecycle struct {
	*env
	yo, provider          obj
	planner, assessor     string // tokens
	leader                string
	users                 map[*string]uuid.UUID // token field → its user, for travel
	kitas                 []obj
	single, other, netwrk obj
}

func newLifecycle(t *testing.T, a *env) *lifecycle {
	l := &lifecycle{env: a}
	l.yo = a.youthOffice()
	l.provider = a.provider()
	l.kitas = a.kitas(5, l.yo, l.provider, "Kita Lebenslauf ")
	l.single = a.center("single", "FZ Eins", members(l.kitas[0]))
	l.other = a.center("single", "FZ Zwei", members(l.kitas[1]))
	l.netwrk = a.center("network", "Verbund Drei", members(l.kitas[2], l.kitas[3]))
	yoID, k0 := uuidOf(l.yo), uuidOf(l.kitas[0])
	l.users = map[*string]uuid.UUID{}
	u, tok := a.newUser(access.RoleYouthOffice, &yoID, nil)
	l.planner, l.users[&l.planner] = tok, u.ID
	u, tok = a.newUser(access.RoleKitaLeader, nil, &k0)
	l.leader, l.users[&l.leader] = tok, u.ID
	u, tok = a.newUser(access.RoleAssessor, nil, nil)
	l.assessor, l.users[&l.assessor] = tok, u.ID
	a.must(201, "PUT", "/api/v1/catalogues/T1", testCatalogue)
	return l
}

// travel moves the clock and gives everyone fresh tokens (tokens live at most two years).
func (l *lifecycle) travel(t time.Time) {
	l.clock.Set(t)
	for field, id := range l.users {
		tok, err := l.accounts.IssueToken(sys, id, "reise", time.Time{})
		if err != nil {
			l.t.Fatal(err)
		}
		*field = tok.Secret
	}
	_, l.token = l.newUser(access.RoleCoordinator, nil, nil)
}

func bearer(tok string) []string { return []string{"Authorization", "Bearer " + tok} }

// step takes one transition as the given caller and returns the procedure.
func (l *lifecycle) step(tok string, id string, body obj, want int) obj {
	l.t.Helper()
	cur := l.get("/api/v1/procedures/" + id)
	return l.must(want, "POST", "/api/v1/procedures/"+id+"/transitions", body, append(bearer(tok), "If-Match", quoted(versionOf(cur)))...)
}

func TestLifecycleInitialAndRecertification(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		yoID := idOf(l.yo)
		// contingents come from the ministry's decree: the coordinator sets them, the planner reads
		a.must(403, "POST", "/api/v1/contingents", obj{"youth_office_id": yoID, "kindergarten_year": "2026/27", "places": 1}, bearer(l.planner)...)
		a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": yoID, "kindergarten_year": "2026/27", "places": 1})

		p := a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "initial", "kindergarten_year": "2026/27"}, bearer(l.planner)...)
		if p["state"] != "nominated" || p["catalogue_version"] != "T1" {
			t.Fatalf("nominated: %v", p)
		}
		wantActions(t, p, "withdraw", "defer")
		// the contingent has one place, now used
		full := a.must(409, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.other), "kind": "initial", "kindergarten_year": "2026/27"}, bearer(l.planner)...)
		if d, _ := full["detail"].(string); d == "" {
			t.Errorf("contingent problem without detail: %v", full)
		}
		id := idOf(p)
		// the Kita leader may not register; the assessor may not withdraw
		l.step(l.leader, id, obj{"action": "register", "evidence_due_on": "2027-01-15"}, 403)
		p = l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2027-01-15"}, 200)
		number, _ := p["certification_number"].(string)
		if p["state"] != "registered" || number == "" {
			t.Fatalf("registered: %v", p)
		}
		st := a.must(200, "GET", "/api/v1/kitas/"+idOf(l.kitas[0])+"/status", nil, bearer(l.leader)...)
		if st["next_step"] != "Bitte reichen Sie Fragebogen und Belege bis zum 15.01.2027 ein." {
			t.Errorf("next_step = %q", st["next_step"])
		}
		// a step that does not fit the state: 409 with the caller's allowed actions
		c := l.step(l.assessor, id, obj{"action": "certify"}, 409)
		if acts, _ := c["allowed_actions"].([]any); len(acts) != 0 {
			t.Errorf("assessor in registered state may do %v", acts)
		}
		l.step(l.leader, id, obj{"action": "submit_evidence", "comment": "Alles hochgeladen."}, 200)
		p = l.step(l.assessor, id, obj{"action": "start_review"}, 200)
		if p["assessor_id"] == nil {
			t.Errorf("start_review did not assign the assessor: %v", p)
		}
		// certify needs a passing assessment
		a.must(200, "PUT", "/api/v1/procedures/"+id+"/assessment", obj{"criteria": []obj{
			{"code": "1.1", "met": true}, {"code": "1.1.1", "met": false}, {"code": "1.2", "met": true}, {"code": "5.1", "met": true}}}, bearer(l.assessor)...)
		l.step(l.assessor, id, obj{"action": "schedule_visit", "visit_on": "2027-02-15"}, 200)
		l.travel(time.Date(2027, 2, 15, 9, 0, 0, 0, time.UTC))
		l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
		l.step(l.assessor, id, obj{"action": "certify"}, 409) // area 1 has 1 of 2 points
		as := a.must(200, "PUT", "/api/v1/procedures/"+id+"/assessment", obj{"criteria": []obj{
			{"code": "1.1", "met": true}, {"code": "1.1.1", "met": true}, {"code": "1.2", "met": true}, {"code": "5.1", "met": true}}}, bearer(l.assessor)...)
		if as["passed"] != true {
			t.Fatalf("assessment: %v", as)
		}
		l.travel(time.Date(2027, 4, 20, 9, 0, 0, 0, time.UTC))
		p = l.step(l.assessor, id, obj{"action": "certify", "valid_from": "2027-08-01"}, 200)
		if p["state"] != "certified" || p["seal_id"] == nil || p["decided_on"] != "2027-04-20" {
			t.Fatalf("certified: %v", p)
		}
		seal := a.get("/api/v1/seals/" + p["seal_id"].(string))
		if seal["valid_from"] != "2027-08-01" || seal["valid_until"] != "2031-07-31" || seal["certification_number"] != number || seal["status"] != "pending" {
			t.Fatalf("seal: %v", seal)
		}
		events := a.get("/api/v1/procedures/" + id + "/events")["items"].([]any)
		// create, register, submit_evidence, start_review, schedule_visit, record_visit,
		// certify; refused steps leave no trace
		wantSteps := []string{"create", "register", "submit_evidence", "start_review", "schedule_visit", "record_visit", "certify"}
		if len(events) != len(wantSteps) {
			t.Fatalf("%d events, want %d: %v", len(events), len(wantSteps), events)
		}
		for i, e := range events {
			if e.(map[string]any)["action"] != wantSteps[i] {
				t.Errorf("event %d is %v, want %s", i, e.(map[string]any)["action"], wantSteps[i])
			}
		}
		if ev := events[2].(map[string]any); ev["comment"] != "Alles hochgeladen." || ev["from"] != "registered" || ev["to"] != "evidence_submitted" {
			t.Errorf("submit event %v", ev)
		}

		// Re-certification: the window opens 2030-08-01; decided in spring, the new seal
		// continues the day after the old one ends: no gap.
		l.travel(time.Date(2030, 10, 1, 9, 0, 0, 0, time.UTC))
		r := a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2030/31"})
		rid := idOf(r)
		if r["certification_number"] != number {
			t.Errorf("re-certification number %v, want %s", r["certification_number"], number)
		}
		l.step(a.token, rid, obj{"action": "register", "evidence_due_on": "2031-01-15"}, 200)
		l.step(a.token, rid, obj{"action": "submit_evidence"}, 200)
		l.step(l.assessor, rid, obj{"action": "start_review"}, 200)
		a.must(200, "PUT", "/api/v1/procedures/"+rid+"/assessment", obj{"criteria": []obj{
			{"code": "1.1", "met": true}, {"code": "1.1.1", "met": true}, {"code": "5.1", "met": true}}}, bearer(l.assessor)...)
		l.step(l.assessor, rid, obj{"action": "schedule_visit", "visit_on": "2031-02-14"}, 200)
		l.travel(time.Date(2031, 2, 14, 9, 0, 0, 0, time.UTC))
		l.step(l.assessor, rid, obj{"action": "record_visit"}, 200)
		l.travel(time.Date(2031, 3, 20, 9, 0, 0, 0, time.UTC))
		r = l.step(l.assessor, rid, obj{"action": "certify"}, 200)
		next := a.get("/api/v1/seals/" + r["seal_id"].(string))
		if next["valid_from"] != "2031-08-01" || next["valid_until"] != "2035-07-31" || next["predecessor_id"] != seal["id"] {
			t.Fatalf("re-certification seal: %v", next)
		}
		l.travel(time.Date(2031, 8, 1, 9, 0, 0, 0, time.UTC))
		if old := a.get("/api/v1/seals/" + seal["id"].(string)); old["status"] != "superseded" || old["successor_id"] != next["id"] {
			t.Errorf("old seal after renewal: %v", old)
		}
		if cur := a.get("/api/v1/seals/" + next["id"].(string)); cur["status"] != "active" {
			t.Errorf("new seal on 2031-08-01: %v", cur)
		}
	})
}

func TestLifecycleWithdrawDeferExtend(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		yoID := idOf(l.yo)
		cont := a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": yoID, "kindergarten_year": "2026/27", "places": 2})

		// withdrawal frees the place
		w := a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "initial", "kindergarten_year": "2026/27"}, bearer(l.planner)...)
		l.step(l.planner, idOf(w), obj{"action": "withdraw"}, 400) // reason required
		w = l.step(l.planner, idOf(w), obj{"action": "withdraw", "reason": "Träger hat zurückgezogen."}, 200)
		if w["state"] != "withdrawn" || w["open"] != false {
			t.Fatalf("withdrawn: %v", w)
		}
		if c := a.get("/api/v1/contingents/" + idOf(cont)); c["used"] != float64(0) {
			t.Errorf("withdrawn nomination still uses a place: %v", c)
		}

		// deferral moves the place to the next year and nominates again there
		d := a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.netwrk), "kind": "initial", "kindergarten_year": "2026/27"}, bearer(l.planner)...)
		d = l.step(l.planner, idOf(d), obj{"action": "defer", "comment": "Umbau der Kita."}, 200)
		if d["state"] != "deferred" || d["deferred_to_id"] == nil {
			t.Fatalf("deferred: %v", d)
		}
		n := a.get("/api/v1/procedures/" + d["deferred_to_id"].(string))
		if n["state"] != "nominated" || n["kindergarten_year"] != "2027/28" || n["deferred_from_id"] != idOf(d) {
			t.Fatalf("next year's nomination: %v", n)
		}
		nextYear := a.get("/api/v1/contingents?youth_office_id=" + yoID + "&kindergarten_year=2027/28")["items"].([]any)
		if len(nextYear) != 1 || nextYear[0].(map[string]any)["carried_over"] != float64(1) || nextYear[0].(map[string]any)["used"] != float64(1) {
			t.Fatalf("next year's contingent: %v", nextYear)
		}
		// a re-certification cannot be deferred
		r := a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.other), "kind": "recertification", "kindergarten_year": "2026/27"})
		l.step(a.token, idOf(r), obj{"action": "defer"}, 409)
		// one open procedure per center
		a.must(409, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.other), "kind": "recertification", "kindergarten_year": "2026/27"})

		// extension: a recorded act, only forward
		seal := certifyQuickly(t, l, idOf(r))
		a.must(400, "POST", "/api/v1/seals/"+idOf(seal)+"/extensions", obj{"new_valid_until": "2030-01-01", "reason": "x", "legal_basis": "y"})
		ext := a.must(201, "POST", "/api/v1/seals/"+idOf(seal)+"/extensions", obj{"new_valid_until": "2031-07-31",
			"reason": "Pandemie", "legal_basis": "Erlass des MKJFGFI vom 01.03.2030"}, bearer(l.assessor)...)
		if ext["valid_until"] != "2031-07-31" || len(ext["extensions"].([]any)) != 1 {
			t.Fatalf("extended: %v", ext)
		}
		a.must(403, "POST", "/api/v1/seals/"+idOf(seal)+"/extensions", obj{"new_valid_until": "2032-07-31", "reason": "x", "legal_basis": "y"}, bearer(l.planner)...)
	})
}

// certifyQuickly runs a registered-or-nominated procedure to certified and returns the seal.
func certifyQuickly(t *testing.T, l *lifecycle, id string) obj {
	t.Helper()
	a := l.env
	l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2027-01-15"}, 200)
	l.step(a.token, id, obj{"action": "submit_evidence"}, 200)
	l.step(l.assessor, id, obj{"action": "start_review"}, 200)
	a.must(200, "PUT", "/api/v1/procedures/"+id+"/assessment", obj{"criteria": []obj{
		{"code": "1.1", "met": true}, {"code": "1.1.1", "met": true}, {"code": "5.1", "met": true}}}, bearer(l.assessor)...)
	l.step(l.assessor, id, obj{"action": "schedule_visit", "visit_on": l.svc.Today().String()}, 200) // visited today
	l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
	p := l.step(l.assessor, id, obj{"action": "certify", "valid_from": "2026-08-01"}, 200)
	return a.get("/api/v1/seals/" + p["seal_id"].(string))
}

func wantActions(t *testing.T, p obj, want ...string) {
	t.Helper()
	got, _ := p["allowed_actions"].([]any)
	if len(got) != len(want) {
		t.Errorf("allowed_actions %v, want %v", got, want)
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("allowed_actions %v, want %v", got, want)
		}
	}
}

// TestStatusNextSteps: the one-call answer for a Kita and a center along the way.
func TestStatusNextSteps(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		loner := a.kitas(1, l.yo, l.provider, "Kita allein ")[0]
		st := a.get("/api/v1/kitas/" + idOf(loner) + "/status")
		if st["center_id"] != nil || st["seal"] != nil || !strings.HasPrefix(st["next_step"].(string), "Die Kita gehört zu keinem Familienzentrum.") {
			t.Fatalf("Kita in no center: %v", st)
		}
		st = a.get("/api/v1/centers/" + idOf(l.single) + "/status")
		if st["next_step"] != "Ihr Familienzentrum hat noch kein Gütesiegel. Die Nominierung erfolgt durch das Jugendamt." || len(st["kitas"].([]any)) != 1 {
			t.Fatalf("new center: %v", st)
		}
		r := a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2026/27"})
		seal := certifyQuickly(t, l, idOf(r))
		// Kita leader of the center's Kita: the seal from 2026-08-01 to 2030-07-31
		l.travel(time.Date(2027, 5, 1, 9, 0, 0, 0, time.UTC))
		st = a.must(200, "GET", "/api/v1/kitas/"+idOf(l.kitas[0])+"/status", nil, bearer(l.leader)...)
		s := st["seal"].(map[string]any)
		if s["status"] != "active" || s["valid_until"] != "2030-07-31" || st["recertification_year"] != "2029/30" ||
			st["renewal_window_opens_on"] != "2029-08-01" || st["open_procedure"] != nil {
			t.Fatalf("active seal: %v", st)
		}
		if st["next_step"] != "Ihr Gütesiegel gilt vom 01.08.2026 bis zum 31.07.2030. Die Rezertifizierung beginnt am 01.08.2029 (Kindergartenjahr 2029/30)." {
			t.Errorf("next_step = %q", st["next_step"])
		}
		if s["days_remaining"] != float64(cert.MustParseDate("2027-05-01").DaysUntil(cert.MustParseDate("2030-07-31"))) {
			t.Errorf("days_remaining = %v", s["days_remaining"])
		}
		l.travel(time.Date(2029, 9, 1, 9, 0, 0, 0, time.UTC))
		if st = a.get("/api/v1/centers/" + idOf(l.single) + "/status"); st["seal"].(map[string]any)["status"] != "renewal_due" {
			t.Errorf("in the window: %v", st)
		}
		l.travel(time.Date(2030, 8, 1, 9, 0, 0, 0, time.UTC))
		st = a.get("/api/v1/centers/" + idOf(l.single) + "/status")
		if st["seal"].(map[string]any)["status"] != "expired" || !strings.Contains(st["next_step"].(string), "abgelaufen") {
			t.Errorf("expired: %v", st)
		}
		// another Kita leader sees nothing of this center
		other := uuidOf(l.kitas[1])
		_, stranger := a.newUser(access.RoleKitaLeader, nil, &other)
		a.must(404, "GET", "/api/v1/centers/"+idOf(l.single)+"/status", nil, bearer(stranger)...)
		a.must(404, "GET", "/api/v1/kitas/"+idOf(l.kitas[0])+"/status", nil, bearer(stranger)...)
		_ = seal
	})
}
