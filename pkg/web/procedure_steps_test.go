package web

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
)

// TestProcedureStepsPartialContract: the partial procedure-steps renders with just the
// keys of contracts.md (Procedure, Allowed, CSRF, Back), as the status page will include
// it: one form per allowed step posting to the step route with the version and back, and
// the visit step as a link to the procedure page (it needs the center's Kitas).
func TestProcedureStepsPartialContract(t *testing.T) {
	tm, err := parseTemplates(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	p := &cert.Procedure{ID: cert.NewID(), Version: 4, State: cert.StateInReview}
	data, _ := dict("Procedure", p, "Allowed", []cert.Action{cert.ActRequestEvidence, cert.ActScheduleVisit, cert.ActReject},
		"CSRF", "tok", "Back", "/kitas/1/status")
	var buf bytes.Buffer
	if err := tm.pages["procedure"].ExecuteTemplate(&buf, "procedure-steps", data); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`id="schritt-request_evidence"`, `id="schritt-reject"`, `action="/procedures/` + p.ID.String() + `/step"`,
		`name="version" value="4"`, `name="back" value="/kitas/1/status"`, `name="csrf" value="tok"`, `name="missing"`,
		`href="/procedures/` + p.ID.String() + `#schritt-schedule_visit"`} {
		if !strings.Contains(out, want) {
			t.Errorf("partial lacks %s\n%s", want, out)
		}
	}
	if strings.Contains(out, "no value") || strings.Contains(out, `name="visit_on"`) {
		t.Errorf("partial without Sites:\n%s", out)
	}
}
