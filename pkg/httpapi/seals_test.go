package httpapi_test

// The seal routes. Seals come from the certify step of a procedure; here they are made
// behind the API through the store (a decided procedure row and the seal), so that the
// routes are tested on their own. Today is 22 Nov 2026 (testNow).

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// storedSeal creates a seal of center (made through the API) valid from..until, covering
// its members from the first day; change adjusts it before it is stored. It returns the
// seal as GET shows it.
func (a *env) storedSeal(center obj, from, until string, change ...func(*cert.Seal)) obj {
	a.t.Helper()
	c, err := a.svc.Centers.Get(sys, uuidOf(center))
	if err != nil {
		a.t.Fatal(err)
	}
	if err := a.db.Gorm().Exec(`INSERT INTO catalogues (version, title, illustrative, document, loaded_at)
		VALUES ('seal-http', 'Testkatalog', ?, '{}', ?) ON CONFLICT DO NOTHING`, true, testNow).Error; err != nil {
		a.t.Fatal(err)
	}
	now := a.clock.Now().UTC()
	p := cert.Procedure{ID: cert.NewID(), Version: 1, CreatedAt: now, UpdatedAt: now, CenterID: c.ID,
		YouthOfficeID: c.Members[0].KitaYouthOfficeID, Kind: cert.KindInitial, Year: 2025, CatalogueVersion: "seal-http",
		CertificationNumber: uniq("FZ-2025-"), State: cert.StateCertified, DecidedOn: cert.MustParseDate(from)}
	if err := a.db.CreateProcedure(sys, &p); err != nil {
		a.t.Fatal(err)
	}
	s := cert.Seal{ID: cert.NewID(), Version: 1, CreatedAt: now, UpdatedAt: now, CenterID: c.ID, ProcedureID: p.ID,
		CertificationNumber: p.CertificationNumber, ValidFrom: cert.MustParseDate(from), ValidUntil: cert.MustParseDate(until),
		CertifiedKitas: len(c.Members)}
	for _, m := range c.Members {
		s.Coverage = append(s.Coverage, cert.SealCoverage{KitaID: m.KitaID, CoveredFrom: s.ValidFrom, Awarded: true})
	}
	for _, f := range change {
		f(&s)
	}
	if err := a.db.CreateSeal(sys, &s); err != nil {
		a.t.Fatal(err)
	}
	return a.get("/api/v1/seals/" + s.ID.String())
}

func TestSealsRead(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		yo, other := a.youthOffice(), a.youthOffice(obj{"name": "Jugendamt Köln"})
		pr, pr2 := a.provider(), a.provider(obj{"name": "Caritas", "kind": "catholic"})
		ks := a.kitas(3, yo, pr, "Kita Siegel")
		foreign := a.kita(other, pr2, obj{"name": "Kita Fremd"})
		network := a.center("network", "Verbund Siegel", members(ks[0], ks[1]))
		single := a.center("single", "FZ Siegel", members(ks[2]))
		far := a.center("single", "FZ Fremd", members(foreign))

		due := a.storedSeal(network, "2023-08-01", "2027-07-31") // window opened 2026-08-01
		active := a.storedSeal(single, "2026-08-01", "2030-07-31")
		pending := a.storedSeal(far, "2027-08-01", "2031-07-31")
		expired := a.storedSeal(network, "2019-08-01", "2023-07-31")

		yoID, kID := uuidOf(yo), uuidOf(ks[1])
		_, planner := a.newUser(access.RoleYouthOffice, &yoID, nil)
		_, leader := a.newUser(access.RoleKitaLeader, nil, &kID)
		_, admin := a.newUser(access.RoleAdmin, nil, nil)
		list := func(q string) string { return "/api/v1/seals" + q }
		sealPath := "/api/v1/seals/" + idOf(due)

		runCases(t, a, []apiCase{
			{name: "get", method: "GET", path: sealPath, status: 200, check: wantJSON(obj{
				"id": idOf(due), "version": 1, "center_id": idOf(network), "valid_from": "2023-08-01", "valid_until": "2027-07-31",
				"status": "renewal_due", "days_remaining": 251, "renewal_window_opens_on": "2026-08-01",
				"predecessor_id": nil, "successor_id": nil, "revoked_on": nil, "revocation_reason": "", "review_required": false,
				"certified_kitas": 2, "extensions": []any{},
				"coverage": []obj{
					{"kita_id": idOf(ks[0]), "covered_from": "2023-08-01", "covered_until": nil, "awarded": true},
					{"kita_id": idOf(ks[1]), "covered_from": "2023-08-01", "covered_until": nil, "awarded": true},
				},
			})},
			{name: "statuses of today", method: "GET", path: list(""), status: 200, check: func(t *testing.T, r response) {
				want := map[string]string{idOf(due): "renewal_due", idOf(active): "active", idOf(pending): "pending", idOf(expired): "expired"}
				for _, it := range items(t, r.JSON(t)) {
					if it["status"] != want[idOf(it)] {
						t.Errorf("seal %s: status %v, want %s", idOf(it), it["status"], want[idOf(it)])
					}
				}
			}},
			{name: "unknown", method: "GET", path: "/api/v1/seals/" + unknownID, status: 404, problem: probNotFound},
			{name: "bad id", method: "GET", path: "/api/v1/seals/" + badID, status: 400, problem: probValidation},
			{name: "anonymous", method: "GET", path: sealPath, headers: []string{"Authorization", ""}, status: 401},
			{name: "all", method: "GET", path: list(""), status: 200, check: wantIDs(idOf(due), idOf(active), idOf(pending), idOf(expired))},
			{name: "renewal due", method: "GET", path: list("?status=renewal_due"), status: 200, check: wantIDs(idOf(due))},
			{name: "active", method: "GET", path: list("?status=active"), status: 200, check: wantIDs(idOf(active))},
			{name: "pending", method: "GET", path: list("?status=pending"), status: 200, check: wantIDs(idOf(pending))},
			{name: "expired", method: "GET", path: list("?status=expired"), status: 200, check: wantIDs(idOf(expired))},
			{name: "revoked", method: "GET", path: list("?status=revoked"), status: 200, check: wantIDs()},
			{name: "unknown status", method: "GET", path: list("?status=valid"), status: 400, problem: probValidation, fields: []string{"status"}},
			{name: "expires before", method: "GET", path: list("?expires_before=2030-07-31"), status: 200, check: wantIDs(idOf(due), idOf(expired))},
			{name: "expires after", method: "GET", path: list("?expires_after=2027-07-31"), status: 200, check: wantIDs(idOf(active), idOf(pending))},
			{name: "bad date", method: "GET", path: list("?expires_after=2027-02-30"), status: 400, problem: probValidation},
			{name: "center", method: "GET", path: list("?center_id=" + idOf(network)), status: 200, check: wantIDs(idOf(due), idOf(expired))},
			{name: "youth office", method: "GET", path: list("?youth_office_id=" + idOf(other)), status: 200, check: wantIDs(idOf(pending))},
			{name: "provider", method: "GET", path: list("?provider_id=" + idOf(pr)), status: 200, check: wantIDs(idOf(due), idOf(active), idOf(expired))},
			{name: "page", method: "GET", path: list("?limit=3"), status: 200, check: func(t *testing.T, r response) {
				m := r.JSON(t)
				cur, _ := m["next_cursor"].(string)
				if len(items(t, m)) != 3 || cur == "" {
					t.Fatalf("first page: %v", m)
				}
				next := a.in(t).get(list("?limit=3&cursor=" + cur))
				if ids := listIDs(t, next); len(ids) != 1 || ids[0] != idOf(expired) || next["next_cursor"] != nil {
					t.Errorf("second page: %v", next)
				}
			}},
			{name: "youth office sees its own", method: "GET", path: list(""), headers: bearer(planner), status: 200,
				check: wantIDs(idOf(due), idOf(active), idOf(expired))},
			{name: "youth office: foreign seal", method: "GET", path: "/api/v1/seals/" + idOf(pending), headers: bearer(planner), status: 404, problem: probNotFound},
			{name: "Kita leader sees its center's", method: "GET", path: list(""), headers: bearer(leader), status: 200, check: wantIDs(idOf(due), idOf(expired))},
			{name: "Kita leader reads", method: "GET", path: sealPath, headers: bearer(leader), status: 200},
			{name: "Kita leader: other center", method: "GET", path: "/api/v1/seals/" + idOf(active), headers: bearer(leader), status: 404},
			{name: "admin reads all", method: "GET", path: list(""), headers: bearer(admin), status: 200,
				check: wantIDs(idOf(due), idOf(active), idOf(pending), idOf(expired))},
		})
	})
}

func TestSealsExtendRevoke(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		ks := a.kitas(2, yo, pr, "Kita Akt")
		center := a.center("network", "Verbund Akt", members(ks[0], ks[1]))
		seal := a.storedSeal(center, "2022-08-01", "2026-07-31")
		path := "/api/v1/seals/" + idOf(seal)
		yoID, otherYO := uuidOf(yo), uuidOf(a.youthOffice())
		_, planner := a.newUser(access.RoleYouthOffice, &yoID, nil)
		_, stranger := a.newUser(access.RoleYouthOffice, &otherYO, nil)
		assessor, assessorTok := a.newUser(access.RoleAssessor, nil, nil)
		ext := func(until string) obj {
			return obj{"new_valid_until": until, "reason": "Pandemie", "legal_basis": "Erlass des MKJFGFI vom 12.03.2021"}
		}

		runCases(t, a, []apiCase{
			{name: "extension: reason missing", method: "POST", path: path + "/extensions", body: obj{"new_valid_until": "2026-12-31", "legal_basis": "Erlass"},
				status: 400, problem: probValidation, fields: []string{"reason"}},
			{name: "extension: blank reason", method: "POST", path: path + "/extensions", body: merge(ext("2026-12-31"), obj{"reason": "  "}),
				status: 400, problem: probValidation, fields: []string{"reason"}},
			{name: "extension: unknown field", method: "POST", path: path + "/extensions", body: merge(ext("2026-12-31"), obj{"valid_until": "2026-12-31"}),
				status: 400, problem: probValidation},
			{name: "extension: not later", method: "POST", path: path + "/extensions", body: ext("2026-07-31"),
				status: 400, problem: probValidation, fields: []string{"new_valid_until"}},
			{name: "extension: earlier", method: "POST", path: path + "/extensions", body: ext("2025-07-31"),
				status: 400, problem: probValidation, fields: []string{"new_valid_until"}},
			{name: "extension: youth office may not", method: "POST", path: path + "/extensions", body: ext("2026-12-31"),
				headers: bearer(planner), status: 403},
			{name: "extension: invisible", method: "POST", path: path + "/extensions", body: ext("2026-12-31"),
				headers: bearer(stranger), status: 404, problem: probNotFound},
			{name: "extension: unknown seal", method: "POST", path: "/api/v1/seals/" + unknownID + "/extensions", body: ext("2026-12-31"),
				status: 404, problem: probNotFound},
		})

		// 2021-style decree: extended to 31 Dec, then in a justified case to 31 Jul
		r := a.do("POST", path+"/extensions", ext("2026-12-31"), bearer(assessorTok)...)
		if r.Status != http.StatusCreated {
			t.Fatalf("extension: %d %s", r.Status, r.Body)
		}
		got := r.JSON(t)
		exts, _ := got["extensions"].([]any)
		if got["valid_until"] != "2026-12-31" || got["version"] != float64(2) || got["status"] != "renewal_due" || len(exts) != 1 {
			t.Fatalf("extended: %v", got)
		}
		x := exts[0].(obj)
		if x["previous_valid_until"] != "2026-07-31" || x["new_valid_until"] != "2026-12-31" || x["actor_id"] != assessor.ID.String() ||
			x["reason"] != "Pandemie" || x["at"] != testNow.Format(time.RFC3339) {
			t.Errorf("extension: %v", x)
		}
		got = a.must(201, "POST", path+"/extensions", merge(ext("2027-07-31"), obj{"reason": "Begründeter Einzelfall"}))
		if got["valid_until"] != "2027-07-31" || len(got["extensions"].([]any)) != 2 || got["status"] != "renewal_due" || got["days_remaining"] != float64(251) {
			t.Fatalf("extended again: %v", got)
		}
		if r := a.do("GET", path, nil); r.Header.Get("ETag") != `"3"` {
			t.Errorf("ETag after two extensions: %q", r.Header.Get("ETag"))
		}

		runCases(t, a, []apiCase{
			{name: "revocation: reason missing", method: "POST", path: path + "/revocations", body: obj{"effective_on": "2026-12-01"},
				status: 400, problem: probValidation, fields: []string{"reason"}},
			{name: "revocation: day missing", method: "POST", path: path + "/revocations", body: obj{"reason": "Rückzug"},
				status: 400, problem: probValidation, fields: []string{"effective_on"}},
			{name: "revocation: after the end", method: "POST", path: path + "/revocations", body: obj{"effective_on": "2027-08-01", "reason": "Rückzug"},
				status: 400, problem: probValidation, fields: []string{"effective_on"}},
			{name: "revocation: youth office may not", method: "POST", path: path + "/revocations", body: obj{"effective_on": "2026-12-01", "reason": "Rückzug"},
				headers: bearer(planner), status: 403},
		})
		got = a.must(201, "POST", path+"/revocations", obj{"effective_on": "2026-12-01", "reason": "Rückzug des Trägers"})
		if got["revoked_on"] != "2026-12-01" || got["revocation_reason"] != "Rückzug des Trägers" || got["status"] != "renewal_due" {
			t.Fatalf("revoked from next week: %v", got)
		}
		a.clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		if got := a.get(path); got["status"] != "revoked" {
			t.Errorf("on the effective day: %v", got["status"])
		}
		runCases(t, a, []apiCase{
			{name: "revoked twice", method: "POST", path: path + "/revocations", body: obj{"effective_on": "2026-12-01", "reason": "Nochmal"},
				status: 409, problem: probConflict},
			{name: "extension of a revoked seal", method: "POST", path: path + "/extensions", body: ext("2028-07-31"),
				status: 409, problem: probConflict},
			{name: "listed as revoked", method: "GET", path: "/api/v1/seals?status=revoked", status: 200, check: wantIDs(idOf(seal))},
		})
	})
}

// TestSealsFollowMembership: the network rules seen through the API: a Kita that joins
// takes the seal over, one that leaves loses it, and at half the seal is marked for
// review, never revoked.
func TestSealsFollowMembership(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		ks := a.kitas(5, yo, pr, "Kita Verbund")
		center := a.center("network", "Verbund Wandel", members(ks[0], ks[1], ks[2], ks[3]))
		seal := a.storedSeal(center, "2025-08-01", "2029-07-31")
		path := "/api/v1/seals/" + idOf(seal)
		membersPath := "/api/v1/centers/" + idOf(center) + "/members"

		a.must(201, "POST", membersPath, obj{"kita_id": idOf(ks[4]), "role": "member", "joined_on": "2026-11-01"})
		cov := func() map[string]obj {
			out := map[string]obj{}
			for _, c := range a.get(path)["coverage"].([]any) {
				out[c.(obj)["kita_id"].(string)] = c.(obj)
			}
			return out
		}
		if c := cov()[idOf(ks[4])]; c == nil || c["covered_from"] != "2026-11-01" || c["covered_until"] != nil {
			t.Fatalf("joined Kita: %v", c)
		}
		a.must(200, "DELETE", membersPath+"/"+idOf(ks[1]), nil)
		if c := cov()[idOf(ks[1])]; c["covered_until"] != "2026-11-22" {
			t.Fatalf("left Kita: %v", c)
		}
		if s := a.get(path); s["review_required"] != false {
			t.Fatalf("3 of 4 remain: %v", s)
		}
		a.must(200, "DELETE", membersPath+"/"+idOf(ks[2])+"?left_on=2026-11-22", nil)
		s := a.get(path)
		if s["review_required"] != true || s["status"] != "active" || s["revoked_on"] != nil || s["version"] != float64(4) {
			t.Fatalf("2 of 4 remain: %v", s)
		}
		// the Kita that left still finds the seal in its history
		kID := uuidOf(ks[1])
		_, leader := a.newUser(access.RoleKitaLeader, nil, &kID)
		a.must(200, "GET", path, nil, bearer(leader)...)
		if got := fmt.Sprint(listIDs(t, a.must(200, "GET", "/api/v1/seals", nil, bearer(leader)...))); got != fmt.Sprint([]string{idOf(seal)}) {
			t.Errorf("seals of the Kita that left: %s", got)
		}
	})
}
