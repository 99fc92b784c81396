package cert

// The in-memory environment of the rule tests (masterdata_rules_test.go,
// centers_rules_test.go): services on memDB and helpers that create objects through them.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin without system zoneinfo

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// svcStart is 09:15 in Berlin on 2026-03-10, with nanoseconds the service must truncate.
var svcStart = time.Date(2026, 3, 10, 8, 15, 30, 123456789, time.UTC)

// svcToday is the calendar day of svcStart in Berlin.
var svcToday = MustParseDate("2026-03-10")

// masterData are the master-data and center services on one memDB.
type masterData struct {
	YouthOffices *YouthOffices
	Providers    *Providers
	Kitas        *Kitas
	Contacts     *Contacts
	Centers      *Centers
	core         core
}

// Today is the services' today.
func (s masterData) Today() Date { return s.core.Today() }

// svcEnv is the master-data and center services on an in-memory store with a fixed
// clock; the seals' coverage hooks are recorded in seals.
type svcEnv struct {
	ctx   context.Context
	db    *memDB
	clock *FixedClock
	svc   masterData
	seals *coverageLog
	seq   int
}

func newSvcEnv(t *testing.T) *svcEnv {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	db, clock, seals := newMemDB(), NewFixedClock(svcStart), &coverageLog{}
	c := core{tx: db, log: db, clock: clock, loc: loc}
	svc := masterData{YouthOffices: newYouthOffices(c, db), Providers: newProviders(c, db), Kitas: newKitas(c, db),
		Contacts: newContacts(c, db), Centers: newCenters(c, db, seals), core: c}
	return &svcEnv{ctx: access.WithPrincipal(context.Background(), access.System), db: db, clock: clock, svc: svc, seals: seals}
}

func (e *svcEnv) next() int { e.seq++; return e.seq }

func (e *svcEnv) youthOffice(t *testing.T, name string) YouthOffice {
	t.Helper()
	o, err := e.svc.YouthOffices.Create(e.ctx, YouthOffice{Name: name, Code: fmt.Sprintf("YO-%03d", e.next()), Region: RegionRheinland})
	if err != nil {
		t.Fatalf("CreateYouthOffice(%q): %v", name, err)
	}
	return o
}

func (e *svcEnv) provider(t *testing.T, name string) Provider {
	t.Helper()
	p, err := e.svc.Providers.Create(e.ctx, Provider{Name: name, Kind: ProviderMunicipal})
	if err != nil {
		t.Fatalf("CreateProvider(%q): %v", name, err)
	}
	return p
}

func (e *svcEnv) kita(t *testing.T, name, city string, p Provider, o YouthOffice) Kita {
	t.Helper()
	k, err := e.svc.Kitas.Create(e.ctx, Kita{
		Name: name, ProviderID: p.ID, YouthOfficeID: o.ID,
		Address: Address{Street: "Hauptstraße 1", PostalCode: "40210", City: city},
	})
	if err != nil {
		t.Fatalf("CreateKita(%q): %v", name, err)
	}
	return k
}

// kitas creates n Kitas under one provider and youth office.
func (e *svcEnv) kitas(t *testing.T, n int) []Kita {
	t.Helper()
	p, o := e.provider(t, "Träger"), e.youthOffice(t, "Jugendamt")
	out := make([]Kita, n)
	for i := range out {
		out[i] = e.kita(t, fmt.Sprintf("Kita %02d", i), "Düsseldorf", p, o)
	}
	return out
}

func (e *svcEnv) contact(t *testing.T, name string, kitaID *uuid.UUID) Contact {
	t.Helper()
	c, err := e.svc.Contacts.Create(e.ctx, Contact{Name: name, Email: "leitung@example.org", Function: FunctionKitaLeader, KitaID: kitaID})
	if err != nil {
		t.Fatalf("CreateContact(%q): %v", name, err)
	}
	return c
}

func (e *svcEnv) center(t *testing.T, kind CenterKind, name string, members ...MemberInput) Center {
	t.Helper()
	c, err := e.svc.Centers.Create(e.ctx, Center{Kind: kind, Name: name}, members)
	if err != nil {
		t.Fatalf("CreateCenter(%q): %v", name, err)
	}
	return c
}

func grant(k Kita) MemberInput {
	return MemberInput{KitaID: k.ID, Role: RoleGrantRecipient}
}
func member(k Kita) MemberInput {
	return MemberInput{KitaID: k.ID, Role: RoleMember}
}

func strp(s string) *string { return &s }

// wantErr fails unless err has code and, when field is not "", names field.
func wantErr(t *testing.T, err error, code, field string) {
	t.Helper()
	if got := ErrorCode(err); got != code {
		t.Fatalf("error = %v (code %q), want code %q", err, got, code)
	}
	if field == "" {
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is no *Error", err)
	}
	var fields []string
	for _, f := range e.Fields {
		if f.Field == field {
			return
		}
		fields = append(fields, f.Field)
	}
	t.Fatalf("error %v names fields %q, want %q", err, fields, field)
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// roles maps Kita id to role for the given memberships.
func roles(ms []Membership) map[uuid.UUID]MemberRole {
	out := map[uuid.UUID]MemberRole{}
	for _, m := range ms {
		out[m.KitaID] = m.Role
	}
	return out
}

func ptrTo[T any](v T) *T { return &v }
