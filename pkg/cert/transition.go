package cert

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// TransitionInput is one step with the fields its action uses.
type TransitionInput struct {
	Action        Action
	Comment       string
	EvidenceDueOn Date
	Missing       string
	VisitOn       Date
	VisitSites    []uuid.UUID
	DecidedOn     Date
	ValidFrom     Date
	Reason        string
}

// Transition takes one step of the state machine. Checks run in this order: visibility
// (404), the caller's right for the action (403), If-Match (428/412), the current state
// (409 listing the allowed actions), then the action's fields (400). The step, its history
// event, its audit entry and its effects (a seal, a deferred nomination) commit together.
func (s *Procedures) Transition(ctx context.Context, id uuid.UUID, m IfMatch, in TransitionInput) (Procedure, error) {
	t, ok := TransitionFor(in.Action)
	if !ok {
		return Procedure{}, &Error{Code: EINVALID, Message: "Unbekannter Schritt.", Fields: []FieldError{{"action", "Unbekannter Schritt."}}}
	}
	var out Procedure
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.LockProcedure(ctx, id); err != nil {
			return err
		}
		p, err := s.store.Procedure(ctx, id)
		if err != nil {
			return err
		}
		if err := mayRead(ctx, access.ProcedureRead, p.Related); err != nil {
			return err
		}
		pr, _ := principal(ctx)
		if !t.Allows(pr, p) {
			return ErrForbidden
		}
		if err := m.check(p.Version, true); err != nil {
			return err
		}
		if !t.possible(p) {
			allowed := AllowedActions(pr, p)
			e := Errorf(ECONFLICT, "Der Schritt „%s“ ist im Stand „%s“ nicht möglich.", t.Action.Label(), p.State.Label())
			e.AllowedActions = make([]string, len(allowed))
			for i, a := range allowed {
				e.AllowedActions[i] = string(a)
			}
			return e
		}
		if s.deps.evidence != nil {
			if in, err = s.deps.evidence.prepare(ctx, p, in); err != nil {
				return err
			}
		}
		before, from := p.auditFields(), p.State
		fields, err := s.apply(ctx, &p, in)
		if err != nil {
			return err
		}
		p.State, p.UpdatedAt = t.To, s.now()
		if err := s.store.UpdateProcedure(ctx, &p); err != nil {
			return err
		}
		if err := s.event(ctx, p, string(t.Action), from, p.State, in.Comment, fields); err != nil {
			return err
		}
		if err := s.audit(ctx, "transition."+string(t.Action), "procedure", p.ID, before, p.auditFields()); err != nil {
			return err
		}
		if s.deps.evidence != nil {
			if err := s.deps.evidence.stepped(ctx, p, in); err != nil {
				return err
			}
		}
		if s.deps.issuer != nil {
			if err := s.deps.issuer.decided(ctx, p, in.Action); err != nil {
				return err
			}
		}
		if err := s.afterStep(ctx, p, in); err != nil {
			return err
		}
		if t.Action == ActDefer {
			if err := s.deferTo(ctx, &p); err != nil {
				return err
			}
		}
		out = p
		return nil
	})
	return out, err
}

// apply checks the fields of a step and applies its effects to p; it returns the fields
// recorded in the history.
func (s *Procedures) apply(ctx context.Context, p *Procedure, in TransitionInput) (map[string]any, error) {
	today := s.Today()
	pr, _ := access.From(ctx)
	if err := checkStepDates(*p, in, today, pr.Role == access.RoleSystem); err != nil {
		return nil, err
	}
	var v Validation
	f := map[string]any{}
	switch in.Action {
	case ActRegister, ActRequestEvidence:
		v.Check(!in.EvidenceDueOn.IsZero(), "evidence_due_on", "Pflichtfeld.")
		v.Check(in.EvidenceDueOn.IsZero() || !in.EvidenceDueOn.Before(today), "evidence_due_on", "Darf nicht in der Vergangenheit liegen.")
		if in.Action == ActRequestEvidence {
			v.Check(strings.TrimSpace(in.Missing) != "", "missing", "Bitte angeben, was fehlt.")
			f["missing"] = strings.TrimSpace(in.Missing)
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		p.EvidenceDueOn = in.EvidenceDueOn
		f["evidence_due_on"] = in.EvidenceDueOn.String()
		if in.Action == ActRegister && p.CertificationNumber == "" {
			n, err := s.assignNumber(ctx, *p)
			if err != nil {
				return nil, err
			}
			p.CertificationNumber = n
			f["certification_number"] = n
		}
	case ActStartReview:
		if pr, _ := principal(ctx); p.AssessorID == nil && pr.UserID != uuid.Nil {
			id := pr.UserID
			p.AssessorID = &id
			f["assessor_id"] = id.String()
		}
	case ActScheduleVisit:
		if err := s.checkVisit(ctx, p, in, today); err != nil {
			return nil, err
		}
		f["visit_on"] = p.VisitOn.String()
		f["visit_sites"] = idStrings(p.VisitSites)
	case ActCertify:
		return s.certify(ctx, p, in, today)
	case ActReject, ActWithdraw:
		v.Check(strings.TrimSpace(in.Reason) != "", "reason", "Bitte eine Begründung angeben.")
		if err := v.Err(); err != nil {
			return nil, err
		}
		p.OutcomeReason = strings.TrimSpace(in.Reason)
		f["reason"] = p.OutcomeReason
		if in.Action == ActReject {
			p.DecidedOn = today
			f["decided_on"] = today.String()
		}
	}
	return f, nil
}

// checkVisit validates the visit: a day not in the past, and the sites: the one Kita of a
// single center, or two Kitas of a network, the grant recipient and one more.
func (s *Procedures) checkVisit(ctx context.Context, p *Procedure, in TransitionInput, today Date) error {
	var v Validation
	v.Check(!in.VisitOn.IsZero(), "visit_on", "Pflichtfeld.")
	v.Check(in.VisitOn.IsZero() || !in.VisitOn.Before(today), "visit_on", "Darf nicht in der Vergangenheit liegen.")
	c, err := s.store.Center(ctx, p.CenterID)
	if err != nil {
		return err
	}
	sites := in.VisitSites
	if c.Kind == CenterSingle && len(sites) == 0 && len(c.Members) == 1 {
		sites = []uuid.UUID{c.Members[0].KitaID}
	}
	want := 2
	if c.Kind == CenterSingle {
		want = 1
	}
	roles := map[uuid.UUID]MemberRole{}
	for _, m := range c.Members {
		roles[m.KitaID] = m.Role
	}
	seen, grant := map[uuid.UUID]bool{}, false
	for i, id := range sites {
		role, member := roles[id]
		v.Check(member, "visit_sites["+strconv.Itoa(i)+"]", "Die Kita ist kein aktives Mitglied des Familienzentrums.")
		v.Check(!seen[id], "visit_sites["+strconv.Itoa(i)+"]", "Die Kita ist doppelt genannt.")
		seen[id], grant = true, grant || role == RoleGrantRecipient
	}
	if len(sites) != want || !grant {
		msg := "Besucht wird die Kita des Familienzentrums."
		if want == 2 {
			msg = "Bei einem Verbund werden zwei Kitas besucht: die Zuschussempfängerin und eine weitere."
		}
		v.Add("visit_sites", msg)
	}
	if err := v.Err(); err != nil {
		return err
	}
	p.VisitOn, p.VisitSites = in.VisitOn, sites
	return nil
}

// assignNumber returns the center's certification number, or issues the next one in the
// configured format; a number taken meanwhile is skipped.
func (s *Procedures) assignNumber(ctx context.Context, p Procedure) (string, error) {
	n, err := s.store.CountCertificationNumbers(ctx)
	if err != nil {
		return "", err
	}
	for attempt := int64(1); attempt <= 20; attempt++ {
		num := strings.NewReplacer("{year}", strconv.Itoa(int(p.Year)), "{seq}", pad5(n+attempt)).Replace(s.numberFormat)
		err := s.store.ClaimCertificationNumber(ctx, p.CenterID, num, s.now())
		if ErrorCode(err) == ECONFLICT {
			continue
		}
		return num, err
	}
	return "", Errorf(EINTERNAL, "no free certification number")
}

func pad5(n int64) string {
	s := strconv.FormatInt(n, 10)
	for len(s) < 5 {
		s = "0" + s
	}
	return s
}

func idStrings(ids []uuid.UUID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.String()
	}
	return out
}

// deferTo closes a deferred nomination and nominates the center for the next year. The
// place moves with it: the next year's contingent gains a carried-over place.
func (s *Procedures) deferTo(ctx context.Context, p *Procedure) error {
	next := p.Year.Next()
	if err := s.deps.places.carryOver(ctx, p.YouthOfficeID, next); err != nil {
		return fmt.Errorf("carry the place of procedure %s over to %s: %w", p.ID, next, err)
	}
	now := s.now()
	n := Procedure{ID: NewID(), Version: 1, CreatedAt: now, UpdatedAt: now, CenterID: p.CenterID, YouthOfficeID: p.YouthOfficeID,
		Kind: KindInitial, Year: next, CatalogueVersion: p.CatalogueVersion, CertificationNumber: p.CertificationNumber,
		State: StateNominated, DeferredFromID: &p.ID, Related: p.Related}
	if err := s.store.CreateProcedure(ctx, &n); err != nil {
		return err
	}
	p.DeferredToID = &n.ID
	if err := s.store.UpdateProcedure(ctx, p); err != nil {
		return err
	}
	if err := s.event(ctx, n, "create", "", StateNominated, "Zurückgestellt aus "+p.Year.String()+".",
		map[string]any{"deferred_from_id": p.ID.String(), "kindergarten_year": next.String()}); err != nil {
		return err
	}
	return s.audit(ctx, "create", "procedure", n.ID, nil, n.auditFields())
}
