package store_test

// Seals on real databases: the store methods, the SQL status filter against
// cert.Seal.Status across dates, the list filters and scopes, what the seal acts (read,
// extend, revoke) store, and the network hooks (join, leave, archive) through Centers and
// Seals on the store. Seals are made directly through the store: Seals.issue runs only
// inside the certify step. The rules of the acts are tested in pkg/cert.

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

var sealDay = cert.MustParseDate

// sealProcedure stores a decided procedure of c (and the catalogue it needs): seals
// reference their procedure.
func (e *svcEnv) sealProcedure(t *testing.T, c cert.Center) cert.Procedure {
	t.Helper()
	err := e.db.Gorm().Exec(`INSERT INTO catalogues (version, title, illustrative, document, loaded_at)
		VALUES ('seal-test', 'Testkatalog', ?, '{}', ?) ON CONFLICT DO NOTHING`, true, svcStart).Error
	mustOK(t, err)
	now := e.clock.Now().UTC().Truncate(time.Microsecond)
	p := cert.Procedure{ID: cert.NewID(), Version: 1, CreatedAt: now, UpdatedAt: now, CenterID: c.ID,
		YouthOfficeID: c.Members[0].KitaYouthOfficeID, Kind: cert.KindInitial, Year: 2025, CatalogueVersion: "seal-test",
		CertificationNumber: fmt.Sprintf("FZ-2025-%05d", e.next()), State: cert.StateCertified, DecidedOn: svcToday}
	mustOK(t, e.db.CreateProcedure(e.ctx, &p))
	return p
}

// storedSeal creates a seal of c through the store, valid from..until, covering c's
// active members from its first day; change adjusts it before it is stored.
func (e *svcEnv) storedSeal(t *testing.T, c cert.Center, from, until string, change ...func(*cert.Seal)) cert.Seal {
	t.Helper()
	p := e.sealProcedure(t, c)
	now := e.clock.Now().UTC().Truncate(time.Microsecond)
	s := cert.Seal{ID: cert.NewID(), Version: 1, CreatedAt: now, UpdatedAt: now, CenterID: c.ID, ProcedureID: p.ID,
		CertificationNumber: p.CertificationNumber, ValidFrom: sealDay(from), ValidUntil: sealDay(until), CertifiedKitas: len(c.Members)}
	for _, m := range c.Members {
		s.Coverage = append(s.Coverage, cert.SealCoverage{KitaID: m.KitaID, CoveredFrom: s.ValidFrom, Awarded: true})
	}
	for _, f := range change {
		f(&s)
	}
	mustOK(t, e.db.CreateSeal(e.ctx, &s))
	got, err := e.db.Seal(e.ctx, s.ID)
	mustOK(t, err)
	return got
}

// sealSucceeds links next as the successor of prev (both stored).
func (e *svcEnv) sealSucceeds(t *testing.T, prev, next cert.Seal) {
	t.Helper()
	prev.SuccessorID = &next.ID
	mustOK(t, e.db.UpdateSeal(e.ctx, &prev))
}

func (e *svcEnv) sealOf(t *testing.T, id uuid.UUID) cert.Seal {
	t.Helper()
	s, err := e.db.Seal(e.ctx, id)
	mustOK(t, err)
	return s
}

// sealNetwork makes a network of n Kitas (the first one grant recipient) under one
// youth office and provider.
func (e *svcEnv) sealNetwork(t *testing.T, n int) (cert.Center, []cert.Kita) {
	t.Helper()
	ks := e.kitas(t, n)
	ms := []cert.MemberInput{grant(ks[0])}
	for _, k := range ks[1:] {
		ms = append(ms, member(k))
	}
	kind := cert.CenterNetwork
	if n == 1 {
		kind = cert.CenterSingle
	}
	return e.center(t, kind, fmt.Sprintf("Familienzentrum %d", e.next()), ms...), ks
}

func sealIDs(ss []cert.Seal) []uuid.UUID {
	out := make([]uuid.UUID, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	slices.SortFunc(out, func(a, b uuid.UUID) int { return slices.Compare(a[:], b[:]) })
	return out
}

func sealCoverageOf(s cert.Seal, kita uuid.UUID) []cert.SealCoverage {
	var out []cert.SealCoverage
	for _, c := range s.Coverage {
		if c.KitaID == kita {
			out = append(out, c)
		}
	}
	return out
}

func TestSealStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		c, ks := e.sealNetwork(t, 3)
		other, _ := e.sealNetwork(t, 2)

		if _, err := db.LatestSeal(e.ctx, c.ID); cert.ErrorCode(err) != cert.ENOTFOUND {
			t.Fatalf("LatestSeal without seals: %v", err)
		}
		if _, err := db.Seal(e.ctx, cert.NewID()); cert.ErrorCode(err) != cert.ENOTFOUND {
			t.Fatalf("Seal(unknown): %v", err)
		}
		old := e.storedSeal(t, c, "2022-05-10", "2026-07-31")
		s := e.storedSeal(t, c, "2026-08-01", "2030-07-31", func(s *cert.Seal) { s.PredecessorID = &old.ID })
		e.sealSucceeds(t, old, s)
		e.storedSeal(t, other, "2026-01-01", "2031-07-31")

		// round trip
		if s.Version != 1 || s.CenterID != c.ID || s.ValidFrom != sealDay("2026-08-01") || s.ValidUntil != sealDay("2030-07-31") ||
			s.PredecessorID == nil || *s.PredecessorID != old.ID || s.SuccessorID != nil || !s.RevokedOn.IsZero() ||
			s.CertifiedKitas != 3 || s.ReviewRequired || s.CertificationNumber == "" || !s.CreatedAt.Equal(e.clock.Now().Truncate(time.Microsecond)) {
			t.Fatalf("seal %+v", s)
		}
		if len(s.Coverage) != 3 || len(s.Extensions) != 0 || s.Extensions == nil {
			t.Fatalf("coverage %v, extensions %v", s.Coverage, s.Extensions)
		}
		kitaIDs := []uuid.UUID{ks[0].ID, ks[1].ID, ks[2].ID}
		if got := slices.Clone(s.Related.KitaIDs); !sameIDs(got, kitaIDs) || len(s.Related.YouthOfficeIDs) != 1 || s.Related.YouthOfficeIDs[0] != ks[0].YouthOfficeID {
			t.Fatalf("related %+v", s.Related)
		}
		if got := e.sealOf(t, old.ID); got.SuccessorID == nil || *got.SuccessorID != s.ID || got.Version != 2 {
			t.Fatalf("predecessor %+v", got)
		}

		// LatestSeal: the latest valid_until
		latest, err := db.LatestSeal(e.ctx, c.ID)
		mustOK(t, err)
		if latest.ID != s.ID || len(latest.Coverage) != 3 {
			t.Fatalf("LatestSeal = %v", latest.ID)
		}

		// UpdateSeal: version check
		stale := s
		s.ValidUntil, s.ReviewRequired, s.RevokedOn, s.RevocationReason = sealDay("2030-12-31"), true, sealDay("2029-01-01"), "Test"
		mustOK(t, db.UpdateSeal(e.ctx, &s))
		if s.Version != 2 {
			t.Fatalf("version %d", s.Version)
		}
		if err := db.UpdateSeal(e.ctx, &stale); err != cert.ErrStale {
			t.Fatalf("stale update: %v", err)
		}
		ghost := cert.Seal{ID: cert.NewID(), Version: 1}
		if err := db.UpdateSeal(e.ctx, &ghost); cert.ErrorCode(err) != cert.ENOTFOUND {
			t.Fatalf("update of unknown seal: %v", err)
		}
		got := e.sealOf(t, s.ID)
		if got.ValidUntil != sealDay("2030-12-31") || !got.ReviewRequired || got.RevokedOn != sealDay("2029-01-01") || got.RevocationReason != "Test" {
			t.Fatalf("after update %+v", got)
		}
		got.RevokedOn, got.RevocationReason = cert.Date{}, ""
		mustOK(t, db.UpdateSeal(e.ctx, &got))
		if e.sealOf(t, s.ID).RevokedOn != (cert.Date{}) {
			t.Fatal("revocation not cleared to NULL")
		}

		// extensions, in order
		actor := cert.NewID()
		at := e.clock.Now().UTC().Truncate(time.Microsecond)
		e1 := cert.SealExtension{ID: cert.NewID(), SealID: s.ID, At: at, PreviousValidUntil: sealDay("2030-07-31"), NewValidUntil: sealDay("2030-12-31"), Reason: "Pandemie", LegalBasis: "Erlass 2021"}
		e2 := cert.SealExtension{ID: cert.NewID(), SealID: s.ID, At: at, ActorID: &actor, PreviousValidUntil: sealDay("2030-12-31"), NewValidUntil: sealDay("2031-07-31"), Reason: "Begründeter Einzelfall", LegalBasis: "Erlass 2021"}
		mustOK(t, db.AddExtension(e.ctx, &e1))
		mustOK(t, db.AddExtension(e.ctx, &e2))
		exts := e.sealOf(t, s.ID).Extensions
		if len(exts) != 2 || exts[0] != e1 || exts[1].ID != e2.ID || *exts[1].ActorID != actor || !exts[1].At.Equal(at) {
			t.Fatalf("extensions %+v", exts)
		}

		// coverage: end, end before begin (dropped), reopen, unknown
		k := ks[1].ID
		mustOK(t, db.EndCoverage(e.ctx, s.ID, k, sealDay("2027-01-31")))
		if cv := sealCoverageOf(e.sealOf(t, s.ID), k); len(cv) != 1 || cv[0].CoveredUntil != sealDay("2027-01-31") {
			t.Fatalf("ended coverage %+v", cv)
		}
		if err := db.EndCoverage(e.ctx, s.ID, k, sealDay("2027-02-28")); cert.ErrorCode(err) != cert.ENOTFOUND {
			t.Fatalf("ending ended coverage: %v", err)
		}
		mustOK(t, db.AddCoverage(e.ctx, s.ID, cert.SealCoverage{KitaID: k, CoveredFrom: sealDay("2028-01-01")}))
		mustOK(t, db.EndCoverage(e.ctx, s.ID, k, sealDay("2027-12-31"))) // before it began
		if cv := sealCoverageOf(e.sealOf(t, s.ID), k); len(cv) != 1 {
			t.Fatalf("coverage that never began was kept: %+v", cv)
		}
		mustOK(t, db.AddCoverage(e.ctx, s.ID, cert.SealCoverage{KitaID: k, CoveredFrom: sealDay("2027-01-31")}))
		mustOK(t, db.EndCoverage(e.ctx, s.ID, k, sealDay("2027-01-31")))
		mustOK(t, db.AddCoverage(e.ctx, s.ID, cert.SealCoverage{KitaID: k, CoveredFrom: sealDay("2027-01-31")})) // reopens
		cv := sealCoverageOf(e.sealOf(t, s.ID), k)
		if len(cv) != 2 || cv[0].CoveredUntil != sealDay("2027-01-31") || !cv[1].CoveredUntil.IsZero() || cv[1].CoveredFrom != sealDay("2027-01-31") {
			t.Fatalf("reopened coverage %+v", cv)
		}
		if err := db.EndCoverage(e.ctx, s.ID, cert.NewID(), sealDay("2027-01-31")); cert.ErrorCode(err) != cert.ENOTFOUND {
			t.Fatalf("EndCoverage of an uncovered Kita: %v", err)
		}

		// the whole thing rolls back with its transaction
		err = db.InTx(e.ctx, func(ctx context.Context) error {
			mustOK(t, db.AddCoverage(ctx, s.ID, cert.SealCoverage{KitaID: ks[2].ID, CoveredFrom: sealDay("2029-01-01")}))
			return cert.ErrStale
		})
		if err != cert.ErrStale || len(sealCoverageOf(e.sealOf(t, s.ID), ks[2].ID)) != 1 {
			t.Fatalf("rollback: %v", err)
		}
	})
}

func sameIDs(a, b []uuid.UUID) bool {
	cmp := func(x, y uuid.UUID) int { return slices.Compare(x[:], y[:]) }
	a, b = slices.Clone(a), slices.Clone(b)
	slices.SortFunc(a, cmp)
	slices.SortFunc(b, cmp)
	return slices.Equal(a, b)
}

// TestSealStatusFilter checks the SQL status filter against cert.Seal.Status for a set of
// seals on many days around every boundary, with and without a window offset.
func TestSealStatusFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		c, _ := e.sealNetwork(t, 2)
		var all []cert.Seal
		add := func(from, until string, change ...func(*cert.Seal)) cert.Seal {
			s := e.storedSeal(t, c, from, until, change...)
			all = append(all, s)
			return s
		}
		prev := add("2022-08-01", "2026-07-31")
		next := add("2026-08-01", "2030-07-31", func(s *cert.Seal) { s.PredecessorID = &prev.ID })
		e.sealSucceeds(t, prev, next)
		add("2021-05-10", "2025-07-31")                                                             // expired
		add("2024-08-01", "2028-07-31", func(s *cert.Seal) { s.RevokedOn = sealDay("2027-03-01") }) // revoked in force
		add("2025-01-15", "2029-07-31", func(s *cert.Seal) { s.RevokedOn = sealDay("2030-01-01") }) // revoked after its end
		add("2026-09-01", "2031-07-31", func(s *cert.Seal) { s.RevokedOn = sealDay("2026-08-15") }) // revoked before it began
		add("2017-08-01", "2021-12-31")                                                             // extended by decree
		add("2026-03-10", "2030-07-31")                                                             // starts today
		add("2026-03-10", "2026-03-10")                                                             // a single day
		// reload: the successor link changed prev
		for i := range all {
			all[i] = e.sealOf(t, all[i].ID)
		}
		days := []string{"2021-07-31", "2021-08-01", "2021-12-31", "2022-01-01", "2025-07-31", "2025-08-01",
			"2026-03-09", "2026-03-10", "2026-03-11", "2026-07-31", "2026-08-01", "2026-08-14", "2026-08-15",
			"2027-02-28", "2027-03-01", "2027-07-31", "2027-08-01", "2028-07-31", "2029-04-30", "2029-05-01",
			"2029-07-31", "2029-08-01", "2029-09-30", "2029-10-01", "2030-01-01", "2030-07-31", "2030-08-01", "2031-08-01"}
		for _, offset := range []int{0, -3, 2} {
			for _, day := range days {
				asOf := sealDay(day)
				seen := 0
				for _, st := range []cert.SealStatus{cert.SealPending, cert.SealActive, cert.SealRenewalDue, cert.SealSuperseded, cert.SealExpired, cert.SealRevoked} {
					var want []cert.Seal
					for _, s := range all {
						if s.Status(asOf, offset) == st {
							want = append(want, s)
						}
					}
					f := cert.SealFilter{Page: cert.Page{Limit: cert.MaxLimit}, AsOf: asOf, Status: st, WindowOffsetMonths: offset}
					got, err := db.Seals(e.ctx, f)
					mustOK(t, err)
					if !slices.Equal(sealIDs(got.Items), sealIDs(want)) {
						t.Errorf("offset %d, %s, status %s: SQL found %d seals, Status %d", offset, day, st, len(got.Items), len(want))
					}
					seen += len(got.Items)
				}
				if seen != len(all) {
					t.Errorf("offset %d, %s: %d seals in some status, want %d", offset, day, seen, len(all))
				}
			}
		}
		if _, err := db.Seals(e.ctx, cert.SealFilter{Status: cert.SealActive}); cert.ErrorCode(err) != cert.EINTERNAL {
			t.Errorf("status without AsOf: %v", err)
		}
		if _, err := db.Seals(e.ctx, cert.SealFilter{AsOf: svcToday, Status: "valid"}); cert.ErrorCode(err) != cert.EINVALID {
			t.Errorf("unknown status: %v", err)
		}
	})
}

func TestSealListFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		officeA, officeB := e.youthOffice(t, "Jugendamt A"), e.youthOffice(t, "Jugendamt B")
		provA, provB := e.provider(t, "Träger A"), e.provider(t, "Träger B")
		a1, a2 := e.kita(t, "Kita A1", "Köln", provA, officeA), e.kita(t, "Kita A2", "Köln", provA, officeA)
		b1 := e.kita(t, "Kita B1", "Bonn", provB, officeB)
		mixed := e.kita(t, "Kita Gemischt", "Bonn", provB, officeA)
		cA := e.center(t, cert.CenterNetwork, "FZ A", grant(a1), member(a2))
		cB := e.center(t, cert.CenterSingle, "FZ B", grant(b1))
		cM := e.center(t, cert.CenterSingle, "FZ M", grant(mixed))

		sA := e.storedSeal(t, cA, "2022-08-01", "2026-07-31")
		sB := e.storedSeal(t, cB, "2023-08-01", "2027-07-31")
		sM := e.storedSeal(t, cM, "2025-08-01", "2029-07-31")

		list := func(f cert.SealFilter) []uuid.UUID {
			t.Helper()
			if f.Limit == 0 {
				f.Limit = cert.MaxLimit
			}
			l, err := db.Seals(e.ctx, f)
			mustOK(t, err)
			return sealIDs(l.Items)
		}
		ids := func(ss ...cert.Seal) []uuid.UUID { return sealIDs(ss) }
		d := func(s string) *cert.Date { x := sealDay(s); return &x }
		tests := []struct {
			name string
			f    cert.SealFilter
			want []uuid.UUID
		}{
			{"all", cert.SealFilter{}, ids(sA, sB, sM)},
			{"expires before", cert.SealFilter{ExpiresBefore: d("2027-07-31")}, ids(sA)},
			{"expires before, inclusive end excluded", cert.SealFilter{ExpiresBefore: d("2027-08-01")}, ids(sA, sB)},
			{"expires after", cert.SealFilter{ExpiresAfter: d("2026-07-31")}, ids(sB, sM)},
			{"window", cert.SealFilter{ExpiresAfter: d("2026-07-31"), ExpiresBefore: d("2029-07-31")}, ids(sB)},
			{"center", cert.SealFilter{CenterID: &cB.ID}, ids(sB)},
			{"youth office", cert.SealFilter{YouthOfficeID: &officeA.ID}, ids(sA, sM)},
			{"provider", cert.SealFilter{ProviderID: &provB.ID}, ids(sB, sM)},
			{"office and provider", cert.SealFilter{YouthOfficeID: &officeA.ID, ProviderID: &provB.ID}, ids(sM)},
			{"scope youth office", cert.SealFilter{Scope: access.Filter{YouthOffice: &officeB.ID}}, ids(sB)},
			{"scope Kita", cert.SealFilter{Scope: access.Filter{Kita: &a2.ID}}, ids(sA)},
			{"scope nothing", cert.SealFilter{Scope: access.Filter{Nothing: true}}, ids()},
			{"scope and status", cert.SealFilter{Scope: access.Filter{YouthOffice: &officeA.ID}, AsOf: svcToday, Status: cert.SealRenewalDue}, ids(sA)},
		}
		for _, tt := range tests {
			if got := list(tt.f); !slices.Equal(got, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
			}
		}

		// a Kita that left still finds the seal that covered it
		mustOK(t, db.EndCoverage(e.ctx, sA.ID, a2.ID, svcToday))
		if got := list(cert.SealFilter{Scope: access.Filter{Kita: &a2.ID}}); !slices.Equal(got, ids(sA)) {
			t.Errorf("scope of a Kita that left: %v", got)
		}

		// keyset paging in creation order, with details on every page
		walked, pages := walk(t, 2, false, func(p cert.Page) (cert.List[cert.Seal], error) {
			l, err := db.Seals(e.ctx, cert.SealFilter{Page: p})
			for _, s := range l.Items {
				if len(s.Coverage) == 0 || len(s.Related.KitaIDs) == 0 {
					t.Errorf("seal %s without coverage on its page", s.ID)
				}
			}
			return l, err
		}, func(s cert.Seal) uuid.UUID { return s.ID })
		if pages != 2 || !slices.Equal(walked, []uuid.UUID{sA.ID, sB.ID, sM.ID}) {
			t.Errorf("paging: %d pages, %v", pages, walked)
		}
	})
}

// sealCtx returns a context acting as role, scoped to office or Kita.
func sealCtx(role access.Role, office, kita *uuid.UUID) context.Context {
	return access.WithPrincipal(context.Background(), access.Principal{UserID: cert.NewID(), Role: role, YouthOfficeID: office, KitaID: kita})
}

func TestSealServiceRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		c, ks := e.sealNetwork(t, 2)
		other, oks := e.sealNetwork(t, 1)
		s := e.storedSeal(t, c, "2022-08-01", "2026-07-31")
		so := e.storedSeal(t, other, "2025-08-01", "2029-07-31")
		office := ks[0].YouthOfficeID

		own := sealCtx(access.RoleYouthOffice, &office, nil)
		got, err := e.svc.Seals.Get(own, s.ID)
		mustOK(t, err)
		if got.ID != s.ID || len(got.Coverage) != 2 {
			t.Fatalf("seal %+v", got)
		}
		_, err = e.svc.Seals.Get(own, so.ID)
		wantErr(t, err, cert.ENOTFOUND, "")
		leader := sealCtx(access.RoleKitaLeader, nil, &oks[0].ID)
		_, err = e.svc.Seals.Get(leader, so.ID)
		mustOK(t, err)
		_, err = e.svc.Seals.Get(leader, s.ID)
		wantErr(t, err, cert.ENOTFOUND, "")
		_, err = e.svc.Seals.Get(context.Background(), s.ID)
		wantErr(t, err, cert.EUNAUTHORIZED, "")

		l, err := e.svc.Seals.List(own, cert.SealFilter{})
		mustOK(t, err)
		if !slices.Equal(sealIDs(l.Items), sealIDs([]cert.Seal{s})) {
			t.Errorf("own list %v", sealIDs(l.Items))
		}
		l, err = e.svc.Seals.List(e.ctx, cert.SealFilter{Status: cert.SealRenewalDue}) // AsOf defaults to today, 2026-03-10
		mustOK(t, err)
		if !slices.Equal(sealIDs(l.Items), sealIDs([]cert.Seal{s})) {
			t.Errorf("renewal due today %v", sealIDs(l.Items))
		}
		_, err = e.svc.Seals.List(e.ctx, cert.SealFilter{Status: "valid"})
		wantErr(t, err, cert.EINVALID, "status")

		// the renewal window setting reaches the list filter
		berlin, err := time.LoadLocation("Europe/Berlin")
		mustOK(t, err)
		e.svc = cert.New(e.db, e.clock, berlin, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}", RenewalWindowOffsetMonths: -8}) // so's window opens 2027-12-01
		l, err = e.svc.Seals.List(e.ctx, cert.SealFilter{Status: cert.SealRenewalDue, AsOf: sealDay("2028-12-01")})
		mustOK(t, err)
		if !slices.Equal(sealIDs(l.Items), sealIDs([]cert.Seal{so})) || e.svc.Seals.State(so).RenewalWindowOpens != sealDay("2027-12-01") {
			t.Errorf("renewal due with offset %v", sealIDs(l.Items))
		}
	})
}

func sealAudit(t *testing.T, e *svcEnv, id uuid.UUID) []string {
	t.Helper()
	l, err := e.db.AuditEntries(e.ctx, cert.AuditFilter{Page: cert.Page{Limit: cert.MaxLimit}, ResourceType: "seal", ResourceID: id.String()})
	mustOK(t, err)
	var out []string
	for _, a := range l.Items {
		out = append(out, a.Action)
	}
	return out
}

func TestSealExtendRevoke(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		c, _ := e.sealNetwork(t, 2)
		s := e.storedSeal(t, c, "2022-08-01", "2026-07-31")

		// The rules of extend and revoke (fields, rights, states) are tested in pkg/cert
		// (TestSealsExtendAndRevoke); here: what is stored.
		assessor := sealCtx(access.RoleAssessor, nil, nil)
		p, _ := access.From(assessor)
		got, err := e.svc.Seals.Extend(assessor, s.ID, sealDay("2026-12-31"), " Pandemie ", "Erlass vom 12.03.2021")
		mustOK(t, err)
		if got.ValidUntil != sealDay("2026-12-31") || got.Version != 2 || len(got.Extensions) != 1 {
			t.Fatalf("extended %+v", got)
		}
		x := got.Extensions[0]
		if x.PreviousValidUntil != sealDay("2026-07-31") || x.NewValidUntil != sealDay("2026-12-31") || x.Reason != "Pandemie" ||
			x.LegalBasis != "Erlass vom 12.03.2021" || x.ActorID == nil || *x.ActorID != p.UserID || !x.At.Equal(e.clock.Now().Truncate(time.Microsecond)) {
			t.Fatalf("extension %+v", x)
		}
		got, err = e.svc.Seals.Extend(e.ctx, s.ID, sealDay("2027-07-31"), "Begründeter Einzelfall", "Erlass")
		mustOK(t, err)
		if got.ValidUntil != sealDay("2027-07-31") || len(got.Extensions) != 2 || got.Extensions[1].ActorID != nil {
			t.Fatalf("second extension %+v", got)
		}

		got, err = e.svc.Seals.Revoke(e.ctx, s.ID, sealDay("2026-09-01"), "Rückzug des Trägers")
		mustOK(t, err)
		if got.RevokedOn != sealDay("2026-09-01") || got.RevocationReason != "Rückzug des Trägers" || got.Version != 4 ||
			got.Status(sealDay("2026-08-31"), 0) != cert.SealRenewalDue || got.Status(sealDay("2026-09-01"), 0) != cert.SealRevoked {
			t.Fatalf("revoked %+v", got)
		}
		// revocation without a day takes today
		s2 := e.storedSeal(t, c, "2027-08-01", "2031-07-31")
		got, err = e.svc.Seals.Revoke(e.ctx, s2.ID, cert.Date{}, "Rückzug")
		mustOK(t, err)
		if got.RevokedOn != svcToday || got.Status(svcToday, 0) != cert.SealRevoked {
			t.Fatalf("revoked today %+v", got)
		}

		if a := sealAudit(t, e, s.ID); !slices.Equal(a, []string{"seal.extend", "seal.extend", "seal.revoke"}) {
			t.Errorf("audit %v", a)
		}
	})
}

// TestSealConcurrentExtensions: acts without If-Match are retried on the new state, so
// concurrent extensions all land, each on the end the previous one left.
func TestSealConcurrentExtensions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		c, _ := e.sealNetwork(t, 1)
		s := e.storedSeal(t, c, "2022-08-01", "2026-07-31")
		ends := []string{"2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31"}
		errs := make(chan error, len(ends))
		for _, end := range ends {
			go func() {
				_, err := e.svc.Seals.Extend(e.ctx, s.ID, sealDay(end), "Pandemie", "Erlass")
				errs <- err
			}()
		}
		ok := 0
		for range ends {
			switch err := <-errs; cert.ErrorCode(err) {
			case "":
				ok++
			case cert.EINVALID: // a later end landed first: this one no longer moves forward
			default:
				t.Errorf("concurrent extension: %v", err)
			}
		}
		got := e.sealOf(t, s.ID)
		if ok == 0 || len(got.Extensions) != ok || got.Version != 1+ok {
			t.Fatalf("%d extensions ok, seal %+v", ok, got)
		}
		for i, x := range got.Extensions {
			if i > 0 && x.PreviousValidUntil != got.Extensions[i-1].NewValidUntil {
				t.Errorf("extension %d starts from %s, not from %s", i, x.PreviousValidUntil, got.Extensions[i-1].NewValidUntil)
			}
		}
	})
}

func TestSealNetworkHooks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		c, ks := e.sealNetwork(t, 5)
		// the seal was awarded to the first four; the fifth leaves the center first
		_, err := e.svc.Centers.RemoveMember(e.ctx, c.ID, ks[4].ID, cert.IfMatch{}, svcToday)
		mustOK(t, err)
		c, err = e.svc.Centers.Get(e.ctx, c.ID)
		mustOK(t, err)
		s := e.storedSeal(t, c, "2025-08-01", "2029-07-31")

		// joining takes the seal over from the day of joining
		joinOn := svcToday.AddDays(-5)
		fresh := e.kita(t, "Kita Neu", "Düsseldorf", e.provider(t, "Träger Neu"), e.youthOffice(t, "Jugendamt Neu"))
		_, err = e.svc.Centers.AddMember(e.ctx, c.ID, cert.IfMatch{}, cert.MemberInput{KitaID: fresh.ID, Role: cert.RoleMember, JoinedOn: joinOn})
		mustOK(t, err)
		got := e.sealOf(t, s.ID)
		if cv := sealCoverageOf(got, fresh.ID); len(cv) != 1 || cv[0].CoveredFrom != joinOn || !cv[0].CoveredUntil.IsZero() {
			t.Fatalf("joined coverage %+v", cv)
		}
		if !slices.Contains(got.Related.YouthOfficeIDs, fresh.YouthOfficeID) {
			t.Error("the new Kita's youth office does not see the seal")
		}

		// leaving ends it; at half of the certified Kitas the seal is marked for review
		_, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, ks[1].ID, cert.IfMatch{}, svcToday)
		mustOK(t, err)
		got = e.sealOf(t, s.ID)
		if cv := sealCoverageOf(got, ks[1].ID); len(cv) != 1 || cv[0].CoveredUntil != svcToday || got.ReviewRequired {
			t.Fatalf("after first leave: %+v, review %v", cv, got.ReviewRequired)
		}
		_, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, ks[2].ID, cert.IfMatch{}, svcToday)
		mustOK(t, err)
		got = e.sealOf(t, s.ID)
		if !got.ReviewRequired || !got.RevokedOn.IsZero() || got.Status(svcToday, 0) != cert.SealActive {
			t.Fatalf("after second leave (2 of 4 certified remain, 1 joined): %+v", got)
		}

		// archiving the center ends every coverage; the seal stays, marked for review
		_, err = e.svc.Centers.Archive(e.ctx, c.ID, cert.IfMatch{})
		mustOK(t, err)
		got = e.sealOf(t, s.ID)
		for _, cv := range got.Coverage {
			if cv.CoveredUntil.IsZero() {
				t.Errorf("open coverage after archiving: %+v", cv)
			}
		}
		if !got.ReviewRequired || !got.RevokedOn.IsZero() {
			t.Errorf("after archiving %+v", got)
		}
		if a := sealAudit(t, e, s.ID); !slices.Equal(a, []string{"seal.cover", "seal.uncover", "seal.uncover", "seal.uncover", "seal.uncover", "seal.uncover"}) {
			t.Errorf("audit %v", a)
		}
	})
}

func TestSealHooksAcrossSeals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)

		// re-certified: the old seal runs until 31 July, the new one is pending
		c, _ := e.sealNetwork(t, 3)
		prev := e.storedSeal(t, c, "2022-08-01", "2026-07-31")
		next := e.storedSeal(t, c, "2026-08-01", "2030-07-31", func(s *cert.Seal) { s.PredecessorID = &prev.ID })
		e.sealSucceeds(t, prev, next)
		k := e.kita(t, "Kita Neu", "Düsseldorf", e.provider(t, "Träger"), e.youthOffice(t, "Jugendamt"))
		_, err := e.svc.Centers.AddMember(e.ctx, c.ID, cert.IfMatch{}, cert.MemberInput{KitaID: k.ID, Role: cert.RoleMember})
		mustOK(t, err)
		if cv := sealCoverageOf(e.sealOf(t, prev.ID), k.ID); len(cv) != 1 || cv[0].CoveredFrom != svcToday {
			t.Errorf("seal in force: %+v", cv)
		}
		if cv := sealCoverageOf(e.sealOf(t, next.ID), k.ID); len(cv) != 1 || cv[0].CoveredFrom != sealDay("2026-08-01") {
			t.Errorf("pending seal: %+v", cv)
		}
		_, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, k.ID, cert.IfMatch{}, svcToday)
		mustOK(t, err)
		if cv := sealCoverageOf(e.sealOf(t, prev.ID), k.ID); len(cv) != 1 || cv[0].CoveredUntil != svcToday {
			t.Errorf("seal in force after leaving: %+v", cv)
		}
		if n := e.sealOf(t, next.ID); len(sealCoverageOf(n, k.ID)) != 0 || n.ReviewRequired {
			t.Errorf("pending seal after leaving: %+v", n)
		}

		// an expired or a revoked seal is not taken over
		for _, change := range []func(*cert.Seal){nil, func(s *cert.Seal) { s.RevokedOn = svcToday.AddDays(-30) }} {
			c2, _ := e.sealNetwork(t, 2)
			var s cert.Seal
			if change == nil {
				s = e.storedSeal(t, c2, "2021-08-01", "2025-07-31")
			} else {
				s = e.storedSeal(t, c2, "2023-08-01", "2027-07-31", change)
			}
			k2 := e.kita(t, "Kita Spät", "Düsseldorf", e.provider(t, "Träger"), e.youthOffice(t, "Jugendamt"))
			_, err := e.svc.Centers.AddMember(e.ctx, c2.ID, cert.IfMatch{}, cert.MemberInput{KitaID: k2.ID, Role: cert.RoleMember})
			mustOK(t, err)
			if cv := sealCoverageOf(e.sealOf(t, s.ID), k2.ID); len(cv) != 0 {
				t.Errorf("seal %s → %s covers a joiner: %+v", s.ValidUntil, s.Status(svcToday, 0), cv)
			}
		}

		// a center without seal: membership changes work as before
		c3, ks3 := e.sealNetwork(t, 3)
		_, err = e.svc.Centers.RemoveMember(e.ctx, c3.ID, ks3[2].ID, cert.IfMatch{}, cert.Date{})
		mustOK(t, err)
	})
}
