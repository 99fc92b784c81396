package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
)

// TestAuditList: the coordinator reads the trail, newest first, with the changed fields
// only; the resource type filter keeps only its entries; the actor filter and a broken
// date work as their fields say; roles without audit.read get 403.
func TestAuditList(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		seal := leaderSeal(t, s)
		co := s.as(t, access.RoleCoordinator)
		newEnd := seal.ValidUntil.AddDate(1, 0, 0)
		if r := co.post("/seals/"+seal.ID.String()+"/extend", url.Values{"version": {strconv.Itoa(seal.Version)},
			"new_valid_until": {newEnd.String()}, "reason": {"Verlängerung für das Protokoll"}, "legal_basis": {"Erlass"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("extend: %d\n%s", r.Status, r.Body)
		}

		all := co.get("/audit")
		all.mustSee(t, http.StatusOK, "Protokolleinträge, neueste zuerst", "<code>create</code>", "<code>seal.issue</code>", "<code>seal.extend</code>")
		if i, j := strings.Index(all.Body, "<code>seal.extend</code>"), strings.Index(all.Body, "<code>create</code>"); i > j {
			t.Error("the newest entry (the extension) is not on top")
		}

		seals := co.get("/audit?typ=seal")
		seals.mustSee(t, http.StatusOK, "<code>seal.extend</code>", "<code>valid_until</code>: "+seal.ValidUntil.German()+" → "+newEnd.German(),
			"<code>extension.reason</code>: – → Verlängerung für das Protokoll", `href="/seals/`+seal.ID.String()+`"`, ">Sie<")
		if strings.Contains(seals.Body, "<code>create</code>") {
			t.Error("typ=seal shows entries of other types")
		}
		row := seals.Body[strings.Index(seals.Body, "<code>seal.extend</code>"):]
		if row = row[:strings.Index(row, "</tr>")]; strings.Contains(row, "certification_number") {
			t.Errorf("the extension shows unchanged fields: %s", row)
		}
		kitas := co.get("/audit?typ=kita")
		kitas.mustSee(t, http.StatusOK, "<code>create</code>")
		if strings.Contains(kitas.Body, "seal.") {
			t.Error("typ=kita shows seal entries")
		}

		me := s.users[access.RoleCoordinator].ID.String()
		mine := co.get("/audit?akteur=" + me)
		mine.mustSee(t, http.StatusOK, "<code>seal.extend</code>", "Einträge aller Personen zeigen")
		if strings.Contains(mine.Body, "<code>seal.issue</code>") {
			t.Error("akteur shows entries of others")
		}
		co.get("/audit?von=gestern").mustSee(t, http.StatusUnprocessableEntity, "Bitte geben Sie ein Datum an", `href="#f-von"`)
		co.get("/audit?typ=kaffee").mustSee(t, http.StatusUnprocessableEntity, "Bitte wählen Sie einen Wert aus der Liste.")
		co.get("/audit?von=2099-01-01").mustSee(t, http.StatusOK, "Keine Einträge gefunden.")

		s.as(t, access.RoleAdmin).get("/audit?typ=session").mustSee(t, http.StatusOK, "<code>login</code>")
		for _, role := range []access.Role{access.RoleAssessor, access.RoleYouthOffice, access.RoleKitaLeader} {
			s.as(t, role).get("/audit").mustSee(t, http.StatusForbidden)
		}
	})
}
