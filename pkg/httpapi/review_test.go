package httpapi_test

import (
	"sync"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

// Tests for the findings of the security review: each failed before its fix.

// A planner may not nominate a center whose grant recipient belongs to another youth
// office (the place would come from that office's contingent), nor re-certify a center
// that never had a seal (that would bypass the contingent).
func TestReviewNominationScope(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		yoA, yoB, pr := a.youthOffice(), a.youthOffice(), a.provider()
		kA, kB := a.kitas(1, yoA, pr, "A ")[0], a.kitas(1, yoB, pr, "B ")[0]
		shared := a.center("network", "Verbund über Grenzen", members(kB, kA)) // grant recipient: kB (office B)
		a.must(201, "PUT", "/api/v1/catalogues/T1", testCatalogue)
		a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": idOf(yoB), "kindergarten_year": "2026/27", "places": 1})
		aID := uuidOf(yoA)
		_, plannerA := a.newUser(access.RoleYouthOffice, &aID, nil)
		p := a.must(400, "POST", "/api/v1/procedures", obj{"center_id": idOf(shared), "kind": "initial", "kindergarten_year": "2026/27"}, bearer(plannerA)...)
		wantFields(t, p, "center_id")
		own := a.center("single", "FZ A", members(a.kitas(1, yoA, pr, "A2 ")[0]))
		p = a.must(409, "POST", "/api/v1/procedures", obj{"center_id": idOf(own), "kind": "recertification", "kindergarten_year": "2026/27"}, bearer(plannerA)...)
		wantFields(t, p, "kind")
		// a coordinator may (centers whose earlier seals predate kitacert)
		a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(own), "kind": "recertification", "kindergarten_year": "2026/27"})
	})
}

// A planner may not remove or re-role another office's Kita in a shared center, and a
// Kita of another office answers the same 400 whatever its state.
func TestReviewMembershipScope(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		yoA, yoB, pr := a.youthOffice(), a.youthOffice(), a.provider()
		ka := a.kitas(2, yoA, pr, "A ")
		kb := a.kitas(3, yoB, pr, "B ")
		shared := a.center("network", "Verbund", members(ka[0], kb[0], ka[1]))
		a.center("single", "FZ B", members(kb[1])) // kb[1] is in another center
		aID := uuidOf(yoA)
		_, plannerA := a.newUser(access.RoleYouthOffice, &aID, nil)
		c := a.get("/api/v1/centers/" + idOf(shared))
		p := a.must(400, "DELETE", "/api/v1/centers/"+idOf(shared)+"/members/"+idOf(kb[0]), nil, bearer(plannerA)...)
		wantFields(t, p, "kita_id")
		p = a.must(400, "PATCH", "/api/v1/centers/"+idOf(shared)+"/members/"+idOf(kb[0]), obj{"role": "contact"},
			append(bearer(plannerA), "If-Match", quoted(versionOf(c)))...)
		wantFields(t, p, "kita_id")
		// B Kitas in a center, free, or unknown: one answer for all
		for _, id := range []string{idOf(kb[1]), idOf(kb[2]), cert.NewID().String()} {
			p = a.must(400, "POST", "/api/v1/centers/"+idOf(shared)+"/members", obj{"kita_id": id, "role": "member"}, bearer(plannerA)...)
			wantFields(t, p, "kita_id")
		}
		if after := a.get("/api/v1/centers/" + idOf(shared)); versionOf(after) != versionOf(c) {
			t.Errorf("center changed: version %d → %d", versionOf(c), versionOf(after))
		}
	})
}

// The status of a center shows its seal only to those who may read the seal.
func TestReviewStatusHidesUnreadableSeal(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		id := idOf(a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.netwrk), "kind": "recertification", "kindergarten_year": "2026/27"}))
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2027-01-15"}, 200)
		l.step(a.token, id, obj{"action": "submit_evidence"}, 200)
		l.step(l.assessor, id, obj{"action": "start_review"}, 200)
		a.must(200, "PUT", "/api/v1/procedures/"+id+"/assessment", obj{"criteria": []obj{
			{"code": "1.1", "met": true}, {"code": "1.1.1", "met": true}, {"code": "5.1", "met": true}}}, bearer(l.assessor)...)
		l.step(l.assessor, id, obj{"action": "schedule_visit", "visit_on": "2026-11-22", "visit_sites": []string{idOf(l.kitas[2]), idOf(l.kitas[3])}}, 200)
		l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
		p := l.step(l.assessor, id, obj{"action": "certify", "valid_from": "2026-08-01"}, 200)
		seal := a.get("/api/v1/seals/" + p["seal_id"].(string))
		a.must(201, "POST", "/api/v1/seals/"+idOf(seal)+"/revocations", obj{"effective_on": "2026-11-22", "reason": "Test"})
		// a Kita of another office joins after the revocation: not covered by the seal
		yoB := a.youthOffice()
		kb := a.kitas(1, yoB, l.provider, "B ")[0]
		a.must(201, "POST", "/api/v1/centers/"+idOf(l.netwrk)+"/members", obj{"kita_id": idOf(kb), "role": "member"})
		bID := uuidOf(yoB)
		_, plannerB := a.newUser(access.RoleYouthOffice, &bID, nil)
		a.must(404, "GET", "/api/v1/seals/"+idOf(seal), nil, bearer(plannerB)...)
		st := a.must(200, "GET", "/api/v1/centers/"+idOf(l.netwrk)+"/status", nil, bearer(plannerB)...)
		if st["seal"] != nil {
			t.Fatalf("status shows a seal the caller may not read: %v", st["seal"])
		}
	})
}

// Retrying a notification is on the record.
func TestReviewRetryIsAudited(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		n := failedNotification(a)
		a.must(200, "POST", "/api/v1/notifications/"+n.ID.String()+"/retry", nil)
		list := a.get("/api/v1/audit?resource_type=notification&resource_id=" + n.ID.String())
		if es := list["items"].([]any); len(es) != 1 || es[0].(map[string]any)["action"] != "notification.retry" {
			t.Fatalf("audit of the retry: %v", es)
		}
	})
}

// Parallel guesses cannot outrun the login limit.
func TestReviewParallelLoginsAreLimited(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		a.newPasswordUser(access.RoleAssessor, "ziel@example.org", "richtig-langes-passwort")
		const n = 12
		codes := make([]int, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = a.do("POST", loginPath, obj{"email": "ziel@example.org", "password": "falsch-falsch-falsch"}, "Authorization", "").Status
			}()
		}
		wg.Wait()
		checked := 0
		for _, c := range codes {
			if c == 401 {
				checked++
			} else if c != 429 {
				t.Errorf("status %d", c)
			}
		}
		if checked != 5 {
			t.Fatalf("%d of %d parallel guesses were checked, want exactly 5 (the limit)", checked, n)
		}
	})
}

// An account holds at most 50 valid tokens.
func TestReviewTokenCap(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		for i := 1; i < auth.MaxActiveTokens; i++ { // the harness issued the first
			a.must(201, "POST", "/api/v1/me/tokens", obj{"name": "t"})
		}
		p := a.must(409, "POST", "/api/v1/me/tokens", obj{"name": "zu viel"})
		wantFields(t, p, "name")
		first := a.get("/api/v1/me/tokens")["items"].([]any)[1].(map[string]any)["id"].(string)
		a.must(200, "DELETE", "/api/v1/me/tokens/"+first, nil)
		a.must(201, "POST", "/api/v1/me/tokens", obj{"name": "wieder Platz"})
	})
}
