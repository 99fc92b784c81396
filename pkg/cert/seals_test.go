package cert

// Rule tests of Seals on sealFake: a center's seals follow its members, and the acts by
// decree (extend, revoke) with their checks.

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// sealEnv is Seals on a sealFake holding one seal of a center with Kitas a (awarded) and
// b (awarded); the clock stands on 2026-03-20.
type sealEnv struct {
	svc          *Seals
	db           *sealFake
	seal         Seal
	center, a, b uuid.UUID
	office       uuid.UUID
}

func newSealEnv(t *testing.T) *sealEnv {
	t.Helper()
	e := &sealEnv{db: &sealFake{seals: map[uuid.UUID]Seal{}}, center: NewID(), a: NewID(), b: NewID(), office: NewID()}
	e.seal = Seal{ID: NewID(), Version: 1, CenterID: e.center, ValidFrom: sday("2022-08-01"), ValidUntil: sday("2026-07-31"), CertifiedKitas: 2,
		Coverage: []SealCoverage{{KitaID: e.a, CoveredFrom: sday("2022-08-01"), Awarded: true}, {KitaID: e.b, CoveredFrom: sday("2022-08-01"), Awarded: true}},
		Related:  access.Related{YouthOfficeIDs: []uuid.UUID{e.office}, KitaIDs: []uuid.UUID{e.a, e.b}}}
	e.db.seals[e.seal.ID] = e.seal
	c := core{tx: e.db, log: e.db, clock: NewFixedClock(time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)), loc: time.UTC}
	e.svc = newSeals(c, e.db, 0)
	return e
}

func (e *sealEnv) stored() Seal { return e.db.seals[e.seal.ID] }

func (e *sealEnv) covered(kita uuid.UUID) []SealCoverage {
	var out []SealCoverage
	for _, c := range e.stored().Coverage {
		if c.KitaID == kita {
			out = append(out, c)
		}
	}
	return out
}

var sealSys = access.WithPrincipal(context.Background(), access.System)

func TestSealsFollowMembers(t *testing.T) {
	t.Run("a Kita that joins takes the seal over", func(t *testing.T) {
		e := newSealEnv(t)
		k := NewID()
		if err := e.svc.memberJoined(sealSys, e.center, k, sday("2026-03-20")); err != nil {
			t.Fatal(err)
		}
		got := e.covered(k)
		if len(got) != 1 || got[0].CoveredFrom != sday("2026-03-20") || got[0].Awarded {
			t.Errorf("coverage %+v", got)
		}
		if e.stored().Version != 2 || len(e.db.audit) != 1 || e.db.audit[0].Action != "seal.cover" {
			t.Errorf("version %d, audit %+v", e.stored().Version, e.db.audit)
		}
		// joining again changes nothing
		if err := e.svc.memberJoined(sealSys, e.center, k, sday("2026-03-20")); err != nil || len(e.covered(k)) != 1 {
			t.Errorf("second join: %v, %+v", err, e.covered(k))
		}
	})
	t.Run("a revoked or expired seal covers nobody new", func(t *testing.T) {
		e := newSealEnv(t)
		s := e.stored()
		s.RevokedOn = sday("2026-01-01")
		e.db.seals[s.ID] = s
		k := NewID()
		if err := e.svc.memberJoined(sealSys, e.center, k, sday("2026-03-20")); err != nil || len(e.covered(k)) != 0 {
			t.Errorf("revoked seal: %v, %+v", err, e.covered(k))
		}
		e = newSealEnv(t)
		if err := e.svc.memberJoined(sealSys, e.center, k, sday("2026-08-01")); err != nil || len(e.covered(k)) != 0 {
			t.Errorf("after the end: %v, %+v", err, e.covered(k))
		}
	})
	t.Run("a pending successor covers from its first day", func(t *testing.T) {
		e := newSealEnv(t)
		next := Seal{ID: NewID(), Version: 1, CenterID: e.center, ValidFrom: sday("2026-08-01"), ValidUntil: sday("2030-07-31"), PredecessorID: &e.seal.ID}
		e.db.seals[next.ID] = next
		k := NewID()
		if err := e.svc.memberJoined(sealSys, e.center, k, sday("2026-03-20")); err != nil {
			t.Fatal(err)
		}
		if got := e.db.seals[next.ID].Coverage; len(got) != 1 || got[0].CoveredFrom != sday("2026-08-01") {
			t.Errorf("successor coverage %+v", got)
		}
		if got := e.covered(k); len(got) != 1 || got[0].CoveredFrom != sday("2026-03-20") {
			t.Errorf("current coverage %+v", got)
		}
	})
	t.Run("a Kita that leaves loses it; half gone means review", func(t *testing.T) {
		e := newSealEnv(t)
		if err := e.svc.memberLeft(sealSys, e.center, e.a, sday("2026-03-20")); err != nil {
			t.Fatal(err)
		}
		if got := e.covered(e.a); len(got) != 1 || got[0].CoveredUntil != sday("2026-03-20") {
			t.Errorf("coverage %+v", got)
		}
		if !e.stored().ReviewRequired {
			t.Error("one of two awarded Kitas left: the seal needs a review")
		}
		if err := e.svc.memberLeft(sealSys, e.center, NewID(), sday("2026-03-20")); err != nil || e.stored().Version != 2 {
			t.Errorf("a Kita without coverage left: %v, version %d", err, e.stored().Version)
		}
	})
	t.Run("no seal, nothing to follow", func(t *testing.T) {
		e := newSealEnv(t)
		if err := e.svc.memberJoined(sealSys, NewID(), NewID(), sday("2026-03-20")); err != nil {
			t.Error(err)
		}
	})
}

func TestSealsExtendAndRevoke(t *testing.T) {
	e := newSealEnv(t)
	_, err := e.svc.Extend(sealSys, e.seal.ID, Date{}, " ", "")
	mdCheckFields(t, err, EINVALID, []string{"new_valid_until", "reason", "legal_basis"})
	_, err = e.svc.Extend(sealSys, e.seal.ID, sday("2026-07-31"), "Corona", "Erlass")
	mdCheckFields(t, err, EINVALID, []string{"new_valid_until"})
	office := access.WithPrincipal(context.Background(), access.Principal{UserID: NewID(), Role: access.RoleYouthOffice, YouthOfficeID: &e.office})
	if _, err := e.svc.Extend(office, e.seal.ID, sday("2027-07-31"), "Corona", "Erlass"); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a youth office extends: %v", err)
	}
	stranger := access.WithPrincipal(context.Background(), access.Principal{UserID: NewID(), Role: access.RoleYouthOffice, YouthOfficeID: ptrTo(NewID())})
	if _, err := e.svc.Extend(stranger, e.seal.ID, sday("2027-07-31"), "Corona", "Erlass"); ErrorCode(err) != ENOTFOUND {
		t.Errorf("another office extends: %v", err)
	}
	if _, err := e.svc.Extend(sealSys, NewID(), sday("2027-07-31"), "Corona", "Erlass"); ErrorCode(err) != ENOTFOUND {
		t.Errorf("extending nothing: %v", err)
	}
	assessorID := NewID()
	assessor := access.WithPrincipal(context.Background(), access.Principal{UserID: assessorID, Role: access.RoleAssessor})
	ext, err := e.svc.Extend(assessor, e.seal.ID, sday("2027-07-31"), " Corona ", "Erlass")
	if err != nil {
		t.Fatal(err)
	}
	if ext.ValidUntil != sday("2027-07-31") || ext.Version != 2 || len(ext.Extensions) != 1 || ext.Extensions[0].Reason != "Corona" ||
		ext.Extensions[0].PreviousValidUntil != sday("2026-07-31") || ext.Extensions[0].ActorID == nil || *ext.Extensions[0].ActorID != assessorID {
		t.Errorf("extended %+v", ext)
	}
	leader := access.WithPrincipal(context.Background(), access.Principal{UserID: NewID(), Role: access.RoleKitaLeader, KitaID: &e.a})
	if _, err := e.svc.Revoke(leader, e.seal.ID, Date{}, "Rückzug"); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a Kita leader revokes: %v", err)
	}
	_, err = e.svc.Revoke(sealSys, e.seal.ID, Date{}, " ")
	mdCheckFields(t, err, EINVALID, []string{"reason"})
	last := e.db.audit[len(e.db.audit)-1]
	if last.Action != "seal.extend" || last.After["extension.legal_basis"] != "Erlass" {
		t.Errorf("audit %+v", last)
	}

	_, err = e.svc.Revoke(sealSys, e.seal.ID, sday("2027-08-01"), "Verstoß")
	mdCheckFields(t, err, EINVALID, []string{"effective_on"})
	rev, err := e.svc.Revoke(sealSys, e.seal.ID, Date{}, "Verstoß")
	if err != nil {
		t.Fatal(err)
	}
	if rev.RevokedOn != sday("2026-03-20") || rev.RevocationReason != "Verstoß" {
		t.Errorf("revoked %+v", rev)
	}
	if _, err := e.svc.Revoke(sealSys, e.seal.ID, Date{}, "noch einmal"); ErrorCode(err) != ECONFLICT {
		t.Errorf("revoked twice: %v", err)
	}
	if _, err := e.svc.Extend(sealSys, e.seal.ID, sday("2028-07-31"), "x", "y"); ErrorCode(err) != ECONFLICT {
		t.Errorf("extending a revoked seal: %v", err)
	}
	if _, err := e.svc.Revoke(sealSys, NewID(), Date{}, "x"); ErrorCode(err) != ENOTFOUND {
		t.Errorf("revoking nothing: %v", err)
	}
}

func TestSealsRead(t *testing.T) {
	e := newSealEnv(t)
	office := access.WithPrincipal(context.Background(), access.Principal{UserID: NewID(), Role: access.RoleYouthOffice, YouthOfficeID: &e.office})
	stranger := access.WithPrincipal(context.Background(), access.Principal{UserID: NewID(), Role: access.RoleYouthOffice, YouthOfficeID: ptrTo(NewID())})
	if _, err := e.svc.Get(office, e.seal.ID); err != nil {
		t.Errorf("own seal: %v", err)
	}
	if _, err := e.svc.Get(stranger, e.seal.ID); ErrorCode(err) != ENOTFOUND {
		t.Errorf("another office's seal: %v", err)
	}
	_, err := e.svc.List(sealSys, SealFilter{Status: "valid"})
	mdCheckFields(t, err, EINVALID, []string{"status"})
	l, err := e.svc.List(sealSys, SealFilter{Status: SealRenewalDue}) // today, 2026-03-20
	if err != nil || len(l.Items) != 1 {
		t.Errorf("renewal due today: %v, %v", l.Items, err)
	}
	if st := e.svc.State(e.seal); st.Status != SealRenewalDue || st.DaysRemaining != 133 {
		t.Errorf("state %+v", st)
	}
}

func TestSealsSupersededIsNotExtended(t *testing.T) {
	e := newSealEnv(t)
	s := e.stored()
	next := NewID()
	s.SuccessorID = &next
	e.db.seals[s.ID] = s
	if _, err := e.svc.Extend(sealSys, s.ID, sday("2026-12-31"), "Pandemie", "Erlass"); ErrorCode(err) != ECONFLICT {
		t.Errorf("extending a seal a successor took over: %v", err)
	}
}
