package httpapi_test

import (
	"testing"
)

// TestStatusSealInForceAndComing: after a re-certification decided in spring the status
// shows the seal in force until 31 July and the coming one; on 1 August only the new one.
func TestStatusSealInForceAndComing(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		first := certifyQuickly(t, l, idOf(a.must(201, "POST", "/api/v1/procedures",
			obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2026/27"})))
		l.travel(day("2029-10-01"))
		id := l.toScheduled(l.single, "2029/30", "2030-01-15", "2030-02-14")
		l.travel(day("2030-02-14"))
		l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
		l.travel(day("2030-04-20"))
		next := l.step(l.assessor, id, obj{"action": "certify"}, 200)["seal_id"].(string)

		l.travel(day("2030-05-01"))
		r := a.do("GET", "/api/v1/kitas/"+idOf(l.kitas[0])+"/status", nil, bearer(l.leader)...)
		if r.Status != 200 {
			t.Fatalf("status: %d %s", r.Status, r.Body)
		}
		wantJSON(obj{
			"seal": obj{"id": idOf(first), "certification_number": first["certification_number"], "valid_from": "2026-08-01",
				"valid_until": "2030-07-31", "status": "renewal_due", "days_remaining": 91},
			"next_seal": obj{"id": next, "certification_number": first["certification_number"], "valid_from": "2030-08-01",
				"valid_until": "2034-07-31", "status": "pending", "days_remaining": 1552},
			"recertification_year":    "2033/34",
			"renewal_window_opens_on": "2033-08-01",
			"open_procedure":          nil,
			"next_step": "Ihr Gütesiegel läuft am 31.07.2030 ab. " +
				"Das Folgesiegel aus der Rezertifizierung gilt vom 01.08.2030 bis zum 31.07.2034.",
		})(t, r)

		l.travel(day("2030-08-01"))
		st := a.get("/api/v1/centers/" + idOf(l.single) + "/status")
		if s, _ := st["seal"].(obj); s["id"] != next || s["status"] != "active" || st["next_seal"] != nil {
			t.Errorf("on 1 August: %v", st)
		}
	})
}

// TestStatusSealEndedOrUnderReview: an expired seal and a revoked one each get their own
// sentence, before the open procedure's step, and no re-certification year of the past.
func TestStatusSealEndedOrUnderReview(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		certifyQuickly(t, l, idOf(a.must(201, "POST", "/api/v1/procedures",
			obj{"center_id": idOf(l.other), "kind": "recertification", "kindergarten_year": "2026/27"})))
		k := a.kitas(1, l.yo, l.provider, "Kita Widerruf ")[0]
		revoked := a.center("single", "FZ Widerruf", members(k))
		rs := certifyQuickly(t, l, idOf(a.must(201, "POST", "/api/v1/procedures",
			obj{"center_id": idOf(revoked), "kind": "recertification", "kindergarten_year": "2026/27"})))
		a.must(201, "POST", "/api/v1/seals/"+idOf(rs)+"/revocations", obj{"effective_on": "2026-12-01", "reason": "Rückzug des Trägers"})

		l.travel(day("2026-12-02"))
		st := a.get("/api/v1/centers/" + idOf(revoked) + "/status")
		if st["next_step"] != "Ihr Gütesiegel wurde zum 01.12.2026 widerrufen und darf nicht mehr geführt werden. Bitte wenden Sie sich an die Servicestelle." ||
			st["recertification_year"] != nil || st["renewal_window_opens_on"] != nil || st["seal"].(obj)["status"] != "revoked" {
			t.Errorf("revoked: %v", st)
		}

		// 123 days after the end, without and with an open re-certification
		l.travel(day("2030-12-01"))
		st = a.get("/api/v1/centers/" + idOf(l.other) + "/status")
		expired := "Ihr Gütesiegel ist am 31.07.2030 abgelaufen (vor 123 Tagen); ohne gültiges Gütesiegel entfällt die Förderung als Familienzentrum."
		if st["next_step"] != expired+" Bitte wenden Sie sich umgehend an Ihr Jugendamt und die Servicestelle." ||
			st["recertification_year"] != nil || st["renewal_window_opens_on"] != nil || st["seal"].(obj)["days_remaining"] != float64(-123) {
			t.Errorf("expired: %v", st)
		}
		id := idOf(a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.other), "kind": "recertification", "kindergarten_year": "2030/31"}))
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2031-01-15"}, 200)
		st = a.get("/api/v1/centers/" + idOf(l.other) + "/status")
		if st["next_step"] != expired+" Bitte reichen Sie Fragebogen und Belege bis zum 15.01.2031 ein." {
			t.Errorf("expired, re-certification registered: %q", st["next_step"])
		}
	})
}
