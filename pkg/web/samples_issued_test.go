package web_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

func init() {
	for _, path := range []string{"/procedures/:id/report", "/procedures/:id/issued-documents"} {
		pattern := strings.Replace(path, ":id", "%s", 1)
		pageSamples[path] = func(t *testing.T, s *site) []sample { return procedureSamples(t, s, pattern) }
	}
	pageSamples["/issued-documents/:id/download"] = issuedSamples
	pageSamples["/procedures/:id/profile"] = func(t *testing.T, s *site) []sample { return decidedSamples(t, s, "/procedures/%s/profile") }
}

// issuedSamples are quality profiles of the decided procedures of decidedProcedures,
// issued anew for the test (the snapshot's copies have no blobs).
func issuedSamples(t *testing.T, s *site) []sample {
	t.Helper()
	var out []sample
	for _, p := range decidedProcedures(t, s) {
		d, err := s.svc.Issued.Reissue(sys, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sample{path: "/issued-documents/" + d.ID.String() + "/download", related: p.Related})
	}
	return out
}

// decidedSamples are the decided procedures of decidedProcedures in pattern.
func decidedSamples(t *testing.T, s *site, pattern string) []sample {
	t.Helper()
	var out []sample
	for _, p := range decidedProcedures(t, s) {
		out = append(out, sample{path: strings.Replace(pattern, "%s", p.ID.String(), 1), related: p.Related})
	}
	return out
}

// decidedProcedures are a decided procedure of the Kita leader's center and one outside
// the demo youth office.
func decidedProcedures(t *testing.T, s *site) []cert.Procedure {
	t.Helper()
	kita := *s.users[access.RoleKitaLeader].KitaID
	office := *s.users[access.RoleYouthOffice].YouthOfficeID
	decided := func(p cert.Procedure) bool {
		return p.State == cert.StateCertified || p.State == cert.StateNotCertified
	}
	inside := procedureWhere(t, s, func(p cert.Procedure, _ cert.Center) bool {
		return decided(p) && slices.Contains(p.Related.KitaIDs, kita)
	}).P
	outside := procedureWhere(t, s, func(p cert.Procedure, _ cert.Center) bool {
		return decided(p) && !slices.Contains(p.Related.YouthOfficeIDs, office) && p.YouthOfficeID != office
	}).P
	return []cert.Procedure{inside, outside}
}
