package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/pdfdoc/pdftest"
)

var issuedLink = regexp.MustCompile(`href="(/issued-documents/[0-9a-f-]+/download)">([^<]+)</a>`)

// TestReportAndIssuedDocuments: the assessor writes the report on its page (a stale
// version comes back with the new values), the decision issues the quality profile and the
// certificate, the procedure page lists them for download, and a corrected profile is a
// second revision beside the first; others may read but not issue.
func TestReportAndIssuedDocuments(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		dp := procedureWhere(t, s, inState(cert.StateEvidenceSubmitted, uuid.Nil))
		id := dp.P.ID.String()
		if _, err := s.svc.Procedures.Transition(sys, dp.P.ID, cert.Expect(dp.P.Version), cert.TransitionInput{Action: cert.ActStartReview}); err != nil {
			t.Fatal(err)
		}
		as := s.as(t, access.RoleAssessor)
		form := as.get("/procedures/" + id + "/report")
		form.mustSee(t, http.StatusOK, "Bericht zum Qualitätsprofil", `name="remarks"`, `name="finding-`+dp.Center.Members[0].KitaID.String()+`"`)
		send := func(version, remarks string) page {
			return as.post("/procedures/"+id+"/report", url.Values{"version": {version}, "remarks": {remarks},
				"recommendations": {"Die Elternberatung ausbauen."}, "finding-" + dp.Center.Members[0].KitaID.String(): {"Helle Räume für Gespräche."}})
		}
		if r := send("0", "Gute Zusammenarbeit mit der Beratungsstelle „Lichtblick“."); r.Status != http.StatusSeeOther {
			t.Fatalf("save the report: %d\n%s", r.Status, r.Body)
		}
		as.get("/procedures/"+id+"/report").mustSee(t, http.StatusOK, "„Lichtblick“", "Helle Räume für Gespräche.")
		send("0", "Veraltet").mustSee(t, http.StatusConflict, "Jemand hat diesen Eintrag inzwischen geändert", "„Lichtblick“")
		s.as(t, access.RoleCoordinator).post("/procedures/"+id+"/report", url.Values{"version": {"1"}}).mustSee(t, http.StatusForbidden)

		// The decision issues the documents.
		p := current(t, s, dp.P.ID)
		passAssessment(t, s, p.ID)
		for _, in := range []cert.TransitionInput{{Action: cert.ActScheduleVisit, VisitOn: s.svc.Today(), VisitSites: []uuid.UUID{dp.Center.Members[0].KitaID}},
			{Action: cert.ActRecordVisit}, {Action: cert.ActCertify}} {
			var err error
			if p, err = s.svc.Procedures.Transition(sys, p.ID, cert.Expect(p.Version), in); err != nil {
				t.Fatalf("%s: %v", in.Action, err)
			}
		}
		page := s.as(t, access.RoleCoordinator).get("/procedures/" + id)
		page.mustSee(t, http.StatusOK, "Qualitätsprofil und Urkunde", "Qualitätsprofil, Fassung 1", "Urkunde")
		links := issuedLink.FindAllStringSubmatch(page.Body, -1)
		if len(links) != 2 {
			t.Fatalf("issued documents on the page: %v", links)
		}
		dl := s.as(t, access.RoleCoordinator).get(links[0][1])
		if dl.Status != http.StatusOK || dl.Header.Get("Content-Type") != "application/pdf" ||
			!strings.Contains(dl.Header.Get("Content-Disposition"), "Qualitaetsprofil-"+p.CertificationNumber+".pdf") {
			t.Fatalf("download: %d %v", dl.Status, dl.Header)
		}
		if text := pdftest.Text(t, []byte(dl.Body)); !strings.Contains(text, dp.Center.Name) || !strings.Contains(text, "„Lichtblick“") {
			t.Errorf("the profile lacks the center or the report:\n%s", text)
		}
		// The profile and the certificate as a page.
		s.as(t, access.RoleCoordinator).get("/procedures/"+id+"/profile").mustSee(t, http.StatusOK, "Qualitätsprofil", dp.Center.Name,
			p.CertificationNumber, "„Lichtblick“", "Helle Räume für Gespräche.", "erreicht", "Urkunde: Gütesiegel „Familienzentrum NRW“",
			"gültig vom ")
		// A corrected profile: a second revision beside the first.
		s.as(t, access.RoleYouthOffice).post("/procedures/"+id+"/issued-documents", nil).mustSee(t, http.StatusForbidden)
		as.get("/procedures/" + id)
		if r := as.post("/procedures/"+id+"/issued-documents", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("reissue: %d\n%s", r.Status, r.Body)
		}
		as.get("/procedures/"+id).mustSee(t, http.StatusOK, "Qualitätsprofil, Fassung 1", "Qualitätsprofil, Fassung 2")
	})
}
