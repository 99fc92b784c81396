package httpapi_test

import (
	"testing"
)

// TestNetworkHalfRuleCountsAwardedKitasOnly: the Kitas a seal was awarded to are fixed at
// the decision; a Kita that joins later, even on the seal's first day or between a spring
// decision and the 1 August start, takes the seal over but does not count for "more than
// half remain".
func TestNetworkHalfRuleCountsAwardedKitasOnly(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		// awarded reads whether each Kita's coverage was awarded; reviewed the seal's flag
		check := func(t *testing.T, sealID string, wantReview bool, awarded map[string]bool) {
			t.Helper()
			s := a.in(t).get("/api/v1/seals/" + sealID)
			for _, c := range s["coverage"].([]any) {
				c := c.(obj)
				if want, ok := awarded[c["kita_id"].(string)]; ok && c["awarded"] != want {
					t.Errorf("coverage %v: awarded %v, want %v", c, c["awarded"], want)
				}
			}
			if s["review_required"] != wantReview || s["certified_kitas"] != float64(4) {
				t.Errorf("review_required %v (want %v), certified_kitas %v: %v", s["review_required"], wantReview, s["certified_kitas"], s)
			}
		}

		t.Run("joined on the seal's first day", func(t *testing.T) {
			ks := a.kitas(5, l.yo, l.provider, "Kita Erster Tag ")
			center := a.center("network", "Verbund Erster Tag", members(ks[0], ks[1], ks[2], ks[3]))
			membersPath := "/api/v1/centers/" + idOf(center) + "/members"
			id := l.toScheduled(center, "2026/27", "2027-01-15", "2026-11-22", ks[0], ks[1])
			l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
			p := l.step(l.assessor, id, obj{"action": "certify"}, 200) // valid from today, 22 Nov 2026
			sealID := p["seal_id"].(string)
			a.must(201, "POST", membersPath, obj{"kita_id": idOf(ks[4]), "role": "member", "joined_on": "2026-11-22"})
			l.travel(day("2026-12-15"))
			a.must(200, "DELETE", membersPath+"/"+idOf(ks[1]), nil)
			check(t, sealID, false, nil) // 3 of 4 remain
			a.must(200, "DELETE", membersPath+"/"+idOf(ks[2]), nil)
			check(t, sealID, true, map[string]bool{idOf(ks[0]): true, idOf(ks[3]): true, idOf(ks[4]): false})
			st := a.get("/api/v1/centers/" + idOf(center) + "/status")
			if want := "Dem Verbund gehört nicht mehr als die Hälfte der Kitas an, denen das Gütesiegel verliehen wurde; " +
				"die Zertifizierungsstelle prüft, ob es weiter gilt. Ihr Gütesiegel gilt vom 22.11.2026 bis zum 31.07.2031. " +
				"Die Rezertifizierung beginnt am 01.08.2030 (Kindergartenjahr 2030/31)."; st["next_step"] != want {
				t.Errorf("next_step = %q\nwant        %q", st["next_step"], want)
			}
		})

		t.Run("joined between the spring decision and 1 August", func(t *testing.T) {
			l.travel(day("2026-11-22"))
			ks := a.kitas(5, l.yo, l.provider, "Kita Frühjahr ")
			center := a.center("network", "Verbund Frühjahr", members(ks[0], ks[1], ks[2], ks[3]))
			membersPath := "/api/v1/centers/" + idOf(center) + "/members"
			id := l.toScheduled(center, "2026/27", "2027-01-15", "2027-02-15", ks[0], ks[1])
			l.travel(day("2027-02-15"))
			l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
			l.travel(day("2027-04-20"))
			p := l.step(l.assessor, id, obj{"action": "certify", "valid_from": "2027-08-01"}, 200)
			sealID := p["seal_id"].(string)
			l.travel(day("2027-06-01"))
			a.must(201, "POST", membersPath, obj{"kita_id": idOf(ks[4]), "role": "member"})
			l.travel(day("2027-09-01"))
			a.must(200, "DELETE", membersPath+"/"+idOf(ks[1]), nil)
			a.must(200, "DELETE", membersPath+"/"+idOf(ks[2]), nil)
			check(t, sealID, true, map[string]bool{idOf(ks[0]): true, idOf(ks[3]): true, idOf(ks[4]): false})
		})
	})
}
