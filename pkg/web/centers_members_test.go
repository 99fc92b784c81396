package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// TestCenterAddMember: a Kita without a center joins a network; a second Kita for a
// single center and a Kita of another center are refused with the service's German
// message (409), and the refusal changes nothing.
func TestCenterAddMember(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		c := centerNamed(t, s, "Verbund-Familienzentrum Flingern")
		free := kitasWithoutCenter(t, s, c)
		b := s.as(t, access.RoleYouthOffice)
		path := "/centers/" + c.ID.String()
		b.get(path).mustSee(t, http.StatusOK, `<option value="`+free[0].ID.String()+`"`)
		r := b.post(path+"/members", url.Values{"version": {centerVersion(c)}, "kita_id": {free[0].ID.String()}, "role": {"member"}, "joined_on": {"2026-08-01"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("add member: %d\n%s", r.Status, r.Body)
		}
		p := b.get(r.Location())
		p.mustSee(t, http.StatusOK, "Die Änderungen sind gespeichert.", "4 Kitas", free[0].Name, "01.08.2026")

		single := centerNamed(t, s, "Familienzentrum Sternstraße")
		r = b.post("/centers/"+single.ID.String()+"/members", url.Values{"version": {centerVersion(single)}, "kita_id": {free[1].ID.String()}, "role": {"member"}})
		r.mustSee(t, http.StatusConflict, "Ein Einzel-Familienzentrum besteht aus genau einer Kita.", `href="#f-members"`, `id="f-members"`)
		if got, _ := s.svc.Centers.Get(sys, single.ID); len(got.Members) != 1 {
			t.Errorf("the refused member joined: %d members", len(got.Members))
		}

		now, _ := s.svc.Centers.Get(sys, c.ID)
		taken := centerMember(t, single, cert.RoleGrantRecipient)
		r = b.post(path+"/members", url.Values{"version": {centerVersion(now)}, "kita_id": {taken.KitaID.String()}, "role": {"member"}})
		r.mustSee(t, http.StatusConflict, "Die Kita gehört bereits zu einem anderen Familienzentrum.", `href="#f-kita_id"`)

		r = b.post(path+"/members", url.Values{"version": {centerVersion(now)}, "kita_id": {""}, "role": {"member"}, "joined_on": {"morgen"}})
		r.mustSee(t, http.StatusUnprocessableEntity, "Bitte wählen Sie eine Kita aus.", "Bitte geben Sie das Datum als Tag, Monat und Jahr an.")
		r = b.post(path+"/members", url.Values{"version": {centerVersion(now)}, "kita_id": {free[1].ID.String()}, "role": {"member"}, "joined_on": {"2027-08-01"}})
		r.mustSee(t, http.StatusUnprocessableEntity, "Darf nicht in der Zukunft liegen.", `href="#f-joined_on"`)
	})
}

// TestCenterMembersChange: a member takes over the contact role (the previous contact
// becomes a member); a member's end appears in the history; the grant recipient may not
// leave, and a network may not shrink below two Kitas (409, German).
func TestCenterMembersChange(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		c := centerNamed(t, s, "Verbund-Familienzentrum Flingern")
		path := "/centers/" + c.ID.String()
		b := s.as(t, access.RoleCoordinator)
		b.get(path)
		plain, contact := centerMember(t, c, cert.RoleMember), centerMember(t, c, cert.RoleContact)
		r := b.post(path+"/members/"+plain.KitaID.String()+"/role", url.Values{"version": {centerVersion(c)}, "role": {"contact"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("role: %d\n%s", r.Status, r.Body)
		}
		now, _ := s.svc.Centers.Get(sys, c.ID)
		if got := centerMember(t, now, cert.RoleContact); got.KitaID != plain.KitaID {
			t.Errorf("contact is %s, want %s", got.KitaName, plain.KitaName)
		}

		r = b.post(path+"/members/"+contact.KitaID.String()+"/end", url.Values{"version": {centerVersion(now)}, "left_on": {"2026-10-31"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("end: %d\n%s", r.Status, r.Body)
		}
		p := b.get(path)
		p.mustSee(t, http.StatusOK, "31.10.2026", "2 Kitas")
		hist := p.Body[strings.Index(p.Body, "Wer wann eingetreten"):]
		if !strings.Contains(hist, contact.KitaName) || !strings.Contains(hist, "31.10.2026") {
			t.Errorf("the history lacks the end of %s", contact.KitaName)
		}

		now, _ = s.svc.Centers.Get(sys, c.ID)
		grant := centerMember(t, now, cert.RoleGrantRecipient)
		r = b.post(path+"/members/"+grant.KitaID.String()+"/end", url.Values{"version": {centerVersion(now)}})
		r.mustSee(t, http.StatusConflict, "Die Zuschussempfängerin kann nicht austreten", `href="#f-role-`+grant.KitaID.String()+`"`)
		r = b.post(path+"/members/"+plain.KitaID.String()+"/end", url.Values{"version": {centerVersion(now)}})
		r.mustSee(t, http.StatusConflict, "Ein Verbund-Familienzentrum braucht mindestens zwei Kitas.")
		r = b.post(path+"/members/"+plain.KitaID.String()+"/end", url.Values{"version": {centerVersion(c)}})
		r.mustSee(t, http.StatusConflict, "Jemand hat diesen Eintrag inzwischen geändert")
		r = b.post(path+"/members/"+plain.KitaID.String()+"/end", url.Values{"version": {centerVersion(now)}, "left_on": {"2030-01-01"}})
		r.mustSee(t, http.StatusUnprocessableEntity, "Darf nicht in der Zukunft liegen.", `href="#f-left_on-`+plain.KitaID.String()+`"`)
		if got, _ := s.svc.Centers.Get(sys, c.ID); len(got.Members) != 2 {
			t.Errorf("refused ends changed the members: %d", len(got.Members))
		}
	})
}

// TestCenterCreate: a network of two Kitas without a center is created; a network of one
// Kita comes back with the rule in German (422) and the rows as sent.
func TestCenterCreate(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		free := kitasWithoutCenter(t, s, centerNamed(t, s, "Familienzentrum Sternstraße"))
		b := s.as(t, access.RoleYouthOffice)
		b.get("/centers/new").mustSee(t, http.StatusOK, "Familienzentrum anlegen", "Regeln für die Zusammensetzung",
			"Ein Einzel-Familienzentrum besteht aus genau einer Kita.", `<option value="`+free[0].ID.String()+`"`)

		one := url.Values{"kind": {"network"}, "name": {"Verbund Neu"},
			"members[2].kita_id": {free[0].ID.String()}, "members[2].role": {"grant_recipient"}, "members[2].joined_on": {"2026-08-01"}}
		r := b.post("/centers/new", one)
		r.mustSee(t, http.StatusUnprocessableEntity, "Ein Verbund-Familienzentrum braucht mindestens zwei Kitas.", `value="Verbund Neu"`)

		two := url.Values{"kind": {"network"}, "name": {"Verbund Neu"},
			"members[0].kita_id": {free[0].ID.String()}, "members[0].role": {"grant_recipient"}, "members[0].joined_on": {"2026-08-01"},
			"members[3].kita_id": {free[1].ID.String()}, "members[3].role": {"member"}, "members[3].joined_on": {"2027-08-01"}}
		r = b.post("/centers/new", two)
		r.mustSee(t, http.StatusUnprocessableEntity, "Darf nicht in der Zukunft liegen.", `href="#f-members%5b3%5d.joined_on"`, `id="f-members[3].joined_on"`)

		two.Set("members[3].joined_on", "2026-09-01")
		r = b.post("/centers/new", two)
		if r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Location(), "?hinweis=angelegt") {
			t.Fatalf("create: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Der Eintrag ist angelegt.", "Verbund Neu", free[0].Name, free[1].Name, "01.09.2026")

		if r := s.as(t, access.RoleKitaLeader).post("/centers/new", two); r.Status != http.StatusForbidden {
			t.Errorf("Kita leader creates a center: %d", r.Status)
		}
	})
}

// TestCenterArchive: archiving needs the ticked confirmation (422) and the current version
// (409); then every membership ends today, the page says so and offers no forms.
func TestCenterArchive(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		c := centerNamed(t, s, "Verbund-Familienzentrum Benrath-Urdenbach")
		path := "/centers/" + c.ID.String()
		b := s.as(t, access.RoleYouthOffice)
		b.get(path).mustSee(t, http.StatusOK, "Familienzentrum archivieren")
		r := b.post(path+"/archive", url.Values{"version": {centerVersion(c)}})
		r.mustSee(t, http.StatusUnprocessableEntity, "Bitte bestätigen Sie, dass alle Mitgliedschaften heute enden.", `href="#f-confirm"`)
		r = b.post(path+"/archive", url.Values{"version": {"99"}, "confirm": {"1"}})
		r.mustSee(t, http.StatusConflict, "Jemand hat diesen Eintrag inzwischen geändert")
		if got, _ := s.svc.Centers.Get(sys, c.ID); got.Archived() {
			t.Fatal("a refused archive archived the center")
		}
		r = b.post(path+"/archive", url.Values{"version": {centerVersion(c)}, "confirm": {"1"}})
		if r.Status != http.StatusSeeOther || r.Location() != "/centers?hinweis=archiviert" {
			t.Fatalf("archive: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		b.get(r.Location()).mustSee(t, http.StatusOK, "Der Eintrag ist archiviert.")
		// Archived, the center has no members in the office's scope any more: the
		// coordinator sees it, with the memberships ended today.
		b.get(path).mustSee(t, http.StatusNotFound)
		p := s.as(t, access.RoleCoordinator).get(path)
		p.mustSee(t, http.StatusOK, "Archiviert seit 22.11.2026, 10:00 Uhr", "22.11.2026</td>")
		for _, form := range []string{"Kita aufnehmen", "Angaben bearbeiten", "Familienzentrum archivieren"} {
			if strings.Contains(p.Body, form) {
				t.Errorf("the archived center offers %q", form)
			}
		}
	})
}
