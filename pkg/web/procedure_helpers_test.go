package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// demoProcedure is a procedure of the demo data with its center.
type demoProcedure struct {
	P      cert.Procedure
	Center cert.Center
}

// procedureWhere returns the first demo procedure that matches, with its center.
func procedureWhere(t *testing.T, s *site, match func(cert.Procedure, cert.Center) bool) demoProcedure {
	t.Helper()
	list, err := s.svc.Procedures.List(sys, cert.ProcedureFilter{Page: cert.Page{Limit: cert.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list.Items {
		c, err := s.svc.Centers.Get(sys, p.CenterID)
		if err != nil {
			t.Fatal(err)
		}
		if match(p, c) {
			return demoProcedure{P: p, Center: c}
		}
	}
	t.Fatal("no demo procedure matches")
	return demoProcedure{}
}

// inState matches the open procedure in state st of a center with the Kita kita (uuid.Nil: any).
func inState(st cert.State, kita uuid.UUID) func(cert.Procedure, cert.Center) bool {
	return func(p cert.Procedure, c cert.Center) bool {
		if p.State != st {
			return false
		}
		for _, m := range c.Members {
			if kita == uuid.Nil || m.KitaID == kita {
				return true
			}
		}
		return false
	}
}

// current reads a procedure as it is now.
func current(t testing.TB, s *site, id uuid.UUID) cert.Procedure {
	t.Helper()
	p, err := s.svc.Procedures.Get(sys, id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// step posts a step of the procedure id with its current version and the fields kv.
func (b *browser) step(id uuid.UUID, action cert.Action, kv ...string) page {
	b.t.Helper()
	p := current(b.t, b.s, id)
	form := url.Values{"action": {string(action)}, "version": {strconv.Itoa(p.Version)}}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Add(kv[i], kv[i+1])
	}
	return b.post("/procedures/"+id.String()+"/step", form)
}

// stepDone posts a step and fails unless it went through to the procedure page.
func (b *browser) stepDone(id uuid.UUID, action cert.Action, kv ...string) {
	b.t.Helper()
	r := b.step(id, action, kv...)
	if want := "/procedures/" + id.String() + "?hinweis=erledigt"; r.Status != http.StatusSeeOther || r.Location() != want {
		b.t.Fatalf("%s: %d to %q, want 303 to %s\n%s", action, r.Status, r.Location(), want, r.Body)
	}
}

// ymd formats a day for a date input.
func ymd(d cert.Date) string { return d.String() }
