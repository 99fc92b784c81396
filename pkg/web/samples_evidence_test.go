package web_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

func init() {
	for _, path := range []string{"/procedures/:id/questionnaire", "/procedures/:id/criteria/:code/answer",
		"/procedures/:id/criteria/:code/documents", "/procedures/:id/criteria/:code/review"} {
		pattern := strings.Replace(strings.Replace(path, ":id", "%s", 1), ":code", "1.1", 1)
		pageSamples[path] = func(t *testing.T, s *site) []sample { return procedureSamples(t, s, pattern) }
	}
	for _, path := range []string{"/documents/:id/download", "/documents/:id/delete"} {
		pattern := strings.Replace(path, ":id", "%s", 1)
		pageSamples[path] = func(t *testing.T, s *site) []sample { return documentSamples(t, s, pattern) }
	}
}

// documentSamples are a document of the Kita leader's procedure (inside both Own scopes)
// and one of a procedure outside the demo youth office, uploaded for the test (the
// snapshot's copies have no blobs).
func documentSamples(t *testing.T, s *site, pattern string) []sample {
	t.Helper()
	kita := *s.users[access.RoleKitaLeader].KitaID
	office := *s.users[access.RoleYouthOffice].YouthOfficeID
	inside := procedureWhere(t, s, inState(cert.StateRegistered, kita)).P
	outside := procedureWhere(t, s, func(p cert.Procedure, _ cert.Center) bool {
		return p.State == cert.StateRegistered && !slices.Contains(p.Related.YouthOfficeIDs, office) && p.YouthOfficeID != office
	}).P
	var out []sample
	for _, p := range []cert.Procedure{inside, outside} {
		pdf := testPDF("Beispiel")
		d, err := s.svc.Evidence.Upload(sys, p.ID, "1.1", cert.Upload{Title: "Beispiel", FileName: "beispiel.pdf",
			Size: int64(len(pdf)), Content: bytes.NewReader(pdf)})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sample{path: strings.Replace(pattern, "%s", d.ID.String(), 1), related: p.Related})
	}
	return out
}
