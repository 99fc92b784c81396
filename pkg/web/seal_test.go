package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// TestSealListEndingRange: "endet ab/bis" shows exactly the seals that end within the
// days (inclusive), each with its German status; a broken date is reported (422); htmx
// gets only the results.
func TestSealListEndingRange(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		seals := allSeals(t, s)
		if len(seals) < 3 {
			t.Fatalf("the demo data has %d seals", len(seals))
		}
		end := seals[0].ValidUntil
		b := s.as(t, access.RoleCoordinator)
		r := b.get("/seals?endet_ab=" + end.String() + "&endet_bis=" + end.String())
		r.mustSee(t, http.StatusOK, "Gütesiegel, Stand heute")
		in, out := 0, 0
		for _, seal := range seals {
			shown := strings.Contains(r.Body, ">"+seal.CertificationNumber+"</a>")
			if want := seal.ValidUntil.Equal(end); shown != want {
				t.Errorf("seal %s ending %s: shown %v, want %v", seal.CertificationNumber, seal.ValidUntil, shown, want)
			} else if want {
				in++
			} else {
				out++
			}
		}
		if in == 0 || out == 0 {
			t.Fatalf("the range shows %d seals and hides %d: the test proves nothing", in, out)
		}
		all := b.get("/seals")
		for _, st := range []cert.SealStatus{cert.SealActive, cert.SealRenewalDue, cert.SealExpired} {
			if !strings.Contains(all.Body, ">"+st.Label()+"</span>") {
				t.Errorf("the list shows no seal %q", st.Label())
			}
		}
		b.get("/seals?endet_bis=31.07.2027").mustSee(t, http.StatusUnprocessableEntity, "Bitte geben Sie ein Datum an")
		b.get("/seals?monate=0").mustSee(t, http.StatusUnprocessableEntity, "Bitte geben Sie eine Zahl von 1 bis 120 an.")
		frag := b.do(http.MethodGet, "/seals?status=expired", nil, "HX-Request", "true", "HX-Target", "seal-results")
		frag.mustSee(t, http.StatusOK, cert.SealExpired.Label())
		if strings.Contains(frag.Body, "<html") || strings.Contains(frag.Body, ">"+cert.SealActive.Label()+"</span>") {
			t.Errorf("htmx with status=expired: not just the expired results\n%s", frag.Body)
		}
	})
}

// TestSealListMonths: "endet in den nächsten N Monaten" shows the seals whose end lies
// between today and N months ahead, and the youth office sees only its own seals.
func TestSealListMonths(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		today := s.svc.Today()
		limit := today.AddDate(0, 12, 0)
		r := s.as(t, access.RoleCoordinator).get("/seals?monate=12")
		r.mustSee(t, http.StatusOK)
		shownAny := false
		for _, seal := range allSeals(t, s) {
			shown := strings.Contains(r.Body, ">"+seal.CertificationNumber+"</a>")
			want := !seal.ValidUntil.Before(today) && !seal.ValidUntil.After(limit)
			if shown != want {
				t.Errorf("seal ending %s with monate=12: shown %v, want %v", seal.ValidUntil, shown, want)
			}
			shownAny = shownAny || shown
		}
		if !shownAny {
			t.Error("no seal ends within 12 months in the demo data: the test proves nothing")
		}
		yo := s.as(t, access.RoleYouthOffice).get("/seals")
		yo.mustSee(t, http.StatusOK)
		if foreign := foreignSeal(t, s); strings.Contains(yo.Body, ">"+foreign.CertificationNumber+"</a>") {
			t.Errorf("the youth office sees the seal %s of another office", foreign.CertificationNumber)
		}
		if strings.Contains(yo.Body, `name="jugendamt"`) {
			t.Error("the youth office is offered the youth office filter")
		}
	})
}

// TestSealPageAndExtend: the seal page shows validity, center, procedure and the
// coverage per Kita; an extension through the form is recorded as an act (who, reason,
// legal basis, new end) and moves the end.
func TestSealPageAndExtend(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		seal := leaderSeal(t, s)
		kita, err := s.svc.Kitas.Get(sys, *s.users[access.RoleKitaLeader].KitaID)
		if err != nil {
			t.Fatal(err)
		}
		b := s.as(t, access.RoleCoordinator)
		path := "/seals/" + seal.ID.String()
		b.get(path).mustSee(t, http.StatusOK, seal.CertificationNumber, "vom "+seal.ValidFrom.German()+" bis "+seal.ValidUntil.German(),
			`href="/centers/`+seal.CenterID.String()+`"`, `href="/procedures/`+seal.ProcedureID.String()+`"`,
			kita.Name, "mit dem Siegel verliehen", "laufend", "Das Siegel wurde weder verlängert noch widerrufen.",
			`action="`+path+`/extend"`, `action="`+path+`/revoke"`, "Ein Widerruf ist endgültig")

		newEnd := seal.ValidUntil.AddDate(1, 0, 0)
		r := b.post(path+"/extend", url.Values{"version": {strconv.Itoa(seal.Version)}, "new_valid_until": {newEnd.String()},
			"reason": {"Pandemiebedingte Verschiebung der Begehungen"}, "legal_basis": {"Erlass MKJFGFI vom 01.10.2026"}})
		if r.Status != http.StatusSeeOther || r.Location() != path+"?hinweis=gespeichert" {
			t.Fatalf("extend: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Die Änderungen sind gespeichert.", "Verlängerung",
			"Ende vom "+seal.ValidUntil.German()+" auf "+newEnd.German(), "Pandemiebedingte Verschiebung der Begehungen",
			"Rechtsgrundlage: Erlass MKJFGFI vom 01.10.2026", ">Sie<", "bis "+newEnd.German())
		got, err := s.svc.Seals.Get(sys, seal.ID)
		if err != nil || !got.ValidUntil.Equal(newEnd) || len(got.Extensions) != 1 {
			t.Fatalf("after the extension: %v, %+v", err, got)
		}
		// The assessor sees the act with the role that took it (from the audit trail they
		// may not read: no role, but the act itself).
		s.as(t, access.RoleAssessor).get(path).mustSee(t, http.StatusOK, "Pandemiebedingte Verschiebung der Begehungen")
	})
}

// TestSealExtendRefused: invalid input comes back at the fields (422) with the values
// kept, an end that does not move forward is refused with the service's reason, and a
// form shown before someone else changed the seal is refused as stale (409).
func TestSealExtendRefused(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		seal := leaderSeal(t, s)
		b := s.as(t, access.RoleAssessor)
		path := "/seals/" + seal.ID.String()
		version := strconv.Itoa(seal.Version)
		r := b.post(path+"/extend", url.Values{"version": {version}, "new_valid_until": {"31.07.2099"}, "reason": {"Grund"}, "legal_basis": {"Erlass"}})
		r.mustSee(t, http.StatusUnprocessableEntity, "Bitte prüfen Sie Ihre Eingaben", `href="#f-new_valid_until"`, "Bitte geben Sie ein Datum an", `value="31.07.2099"`)
		r = b.post(path+"/extend", url.Values{"version": {version}, "new_valid_until": {seal.ValidUntil.AddDays(-1).String()}, "reason": {"Grund"}, "legal_basis": {"Erlass"}})
		r.mustSee(t, http.StatusUnprocessableEntity, "Muss nach dem bisherigen Ende der Gültigkeit ("+seal.ValidUntil.German()+") liegen.", `id="f-new_valid_until-error"`)
		r = b.post(path+"/extend", url.Values{"version": {version}, "new_valid_until": {seal.ValidUntil.AddDate(1, 0, 0).String()}, "legal_basis": {"Erlass"}})
		r.mustSee(t, http.StatusUnprocessableEntity, `id="f-reason-error"`, `href="#f-reason"`)

		if _, err := s.svc.Seals.Extend(sys, seal.ID, seal.ValidUntil.AddDays(30), "Erste Verlängerung", "Erlass"); err != nil {
			t.Fatal(err)
		}
		r = b.post(path+"/extend", url.Values{"version": {version}, "new_valid_until": {seal.ValidUntil.AddDate(1, 0, 0).String()}, "reason": {"Zweite"}, "legal_basis": {"Erlass"}})
		r.mustSee(t, http.StatusConflict, "Jemand hat diesen Eintrag inzwischen geändert", "Erste Verlängerung", "bis "+seal.ValidUntil.AddDays(30).German())
		if got, _ := s.svc.Seals.Get(sys, seal.ID); len(got.Extensions) != 1 {
			t.Errorf("the stale form was taken: %d extensions", len(got.Extensions))
		}
	})
}

// TestSealRevoke: the assessor revokes a seal; the page then shows the revocation as an
// act and no more revoke form; the coordinator sees who (by role) and when it was
// recorded; a day after the end is refused at its field.
func TestSealRevoke(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		seal := leaderSeal(t, s)
		path := "/seals/" + seal.ID.String()
		b := s.as(t, access.RoleAssessor)
		version := strconv.Itoa(seal.Version)
		r := b.post(path+"/revoke", url.Values{"version": {version}, "effective_on": {seal.ValidUntil.AddDays(1).String()}, "revocation_reason": {"Auflagen nicht erfüllt"}})
		r.mustSee(t, http.StatusUnprocessableEntity, "Darf nicht nach dem Ende der Gültigkeit", `id="f-effective_on-error"`, "Auflagen nicht erfüllt")
		r = b.post(path+"/revoke", url.Values{"version": {version}, "effective_on": {"2026-12-01"}})
		r.mustSee(t, http.StatusUnprocessableEntity, `id="f-revocation_reason-error"`, `href="#f-revocation_reason"`)

		r = b.post(path+"/revoke", url.Values{"version": {version}, "effective_on": {"2026-12-01"}, "revocation_reason": {"Auflagen nicht erfüllt"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("revoke: %d\n%s", r.Status, r.Body)
		}
		page := b.get(path)
		page.mustSee(t, http.StatusOK, "Widerruf", "widerrufen zum 01.12.2026", "Auflagen nicht erfüllt")
		if strings.Contains(page.Body, `action="`+path+`/revoke"`) || strings.Contains(page.Body, `action="`+path+`/extend"`) {
			t.Error("a revoked seal still offers the act forms")
		}
		s.as(t, access.RoleCoordinator).get(path).mustSee(t, http.StatusOK, "widerrufen zum 01.12.2026", "Zertifizierungsstelle (Begutachtung)")
		got, err := s.svc.Seals.Get(sys, seal.ID)
		if err != nil {
			t.Fatal(err)
		}
		b.post(path+"/revoke", url.Values{"version": {strconv.Itoa(got.Version)}, "revocation_reason": {"Nochmals"}}).
			mustSee(t, http.StatusConflict, "Das Siegel ist bereits widerrufen (zum 01.12.2026).")
	})
}

// TestSealKitaLeader: the Kita leader opens the seal of their Kita without any form, gets
// 404 for another center's seal and 403 for the acts.
func TestSealKitaLeader(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		own, foreign := leaderSeal(t, s), foreignSeal(t, s)
		b := s.as(t, access.RoleKitaLeader)
		r := b.get("/seals/" + own.ID.String())
		r.mustSee(t, http.StatusOK, own.CertificationNumber, "Kitas unter diesem Siegel")
		if strings.Contains(r.Body, "/extend") || strings.Contains(r.Body, "/revoke") {
			t.Error("the Kita leader is offered the act forms")
		}
		b.get("/seals/"+foreign.ID.String()).mustSee(t, http.StatusNotFound)
		b.get("/seals/kein-siegel").mustSee(t, http.StatusNotFound)
		b.post("/seals/"+own.ID.String()+"/revoke", url.Values{"version": {strconv.Itoa(own.Version)}, "revocation_reason": {"x"}}).mustSee(t, http.StatusForbidden)
		list := b.get("/seals")
		list.mustSee(t, http.StatusOK, own.CertificationNumber)
		if strings.Contains(list.Body, ">"+foreign.CertificationNumber+"</a>") {
			t.Error("the Kita leader's list shows another center's seal")
		}
	})
}
