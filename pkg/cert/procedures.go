package cert

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// ProceduresStore is what Procedures needs from persistence: the procedures with their
// history and certification numbers, and the center a procedure is about.
type ProceduresStore interface {
	ProcedureStore
	Center(ctx context.Context, id uuid.UUID) (Center, error)
}

// Reminders cancels pending reminders of the notification outbox that a step makes
// moot; a store without an outbox implements both as no-ops.
type Reminders interface {
	ReminderCanceller
	ProcedureReminderCanceller
}

// sealIssuer is what a procedure needs of the seals (Seals implements it).
type sealIssuer interface {
	// issue awards the seal of a positively decided procedure p of center c.
	issue(ctx context.Context, p Procedure, c Center, decidedOn, validFrom Date) (Seal, error)
	// latest returns the center's latest seal, or ErrNotFound.
	latest(ctx context.Context, centerID uuid.UUID) (Seal, error)
}

// placeKeeper is what a procedure needs of the contingents (Contingents implements it).
type placeKeeper interface {
	// takePlace checks that the contingent of an office and year has a free place.
	takePlace(ctx context.Context, office uuid.UUID, year KindergartenYear) error
	// carryOver moves a deferred nomination's place to the contingent of year.
	carryOver(ctx context.Context, office uuid.UUID, year KindergartenYear) error
}

// catalogueVersions picks the catalogue version of a new procedure (Catalogues).
type catalogueVersions interface {
	versionFor(ctx context.Context, version string) (string, error)
}

// assessmentScorer scores a procedure's findings for the certify step (Assessments).
type assessmentScorer interface {
	score(ctx context.Context, p Procedure) (Score, error)
}

// procedureDeps are the other aggregates a procedure's steps reach into.
type procedureDeps struct {
	seals      sealIssuer
	places     placeKeeper
	catalogues catalogueVersions
	scores     assessmentScorer
	reminders  Reminders
	steps      StepNotifier   // nil: nobody hears of procedure steps (see Services.SetStepNotifier)
	evidence   evidenceSteps  // nil: no questionnaire (see Services.SetEvidence)
	issuer     decisionIssuer // nil: no documents issued (see Services.SetIssuer)
}

// decisionIssuer issues the documents of a decision in the step's transaction.
type decisionIssuer interface {
	decided(ctx context.Context, p Procedure, a Action) error
}

// Procedures carries centers through certification: nomination, the steps of the state
// machine, certification with its seal.
type Procedures struct {
	core
	store        ProceduresStore
	deps         procedureDeps
	numberFormat string // Settings.CertificationNumberFormat
}

func newProcedures(c core, store ProceduresStore, deps procedureDeps, numberFormat string) *Procedures {
	return &Procedures{core: c, store: store, deps: deps, numberFormat: numberFormat}
}

// NewProcedure is a nomination.
type NewProcedure struct {
	CenterID         uuid.UUID
	Kind             ProcedureKind
	Year             KindergartenYear
	CatalogueVersion string // empty: the newest loaded catalogue
	Comment          string
}

// Create nominates a center. An initial nomination uses a place of the
// contingent of the grant recipient's youth office for the year; none free is a 409 that
// says how many are used. At most one procedure per center is open; a kindergarten year
// that is over takes no nomination.
func (s *Procedures) Create(ctx context.Context, in NewProcedure) (Procedure, error) {
	if err := mayCreateAny(ctx, access.ProcedureNominate); err != nil {
		return Procedure{}, err
	}
	var v Validation
	v.Check(in.Kind.Valid(), "kind", "Unbekannte Verfahrensart.")
	v.Check(int(in.Year) >= minYear && int(in.Year) < maxYear, "kindergarten_year", "Ungültiges Kindergartenjahr.")
	checkYearNotOver(&v, in.Year, s.Today(), "Nominiert wird für das laufende oder ein künftiges Kindergartenjahr.")
	if err := v.Err(); err != nil {
		return Procedure{}, err
	}
	var out Procedure
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		p, err := s.newProcedure(ctx, in)
		if err != nil {
			return err
		}
		if err := s.store.CreateProcedure(ctx, &p); err != nil {
			return err
		}
		if err := s.event(ctx, p, "create", "", p.State, in.Comment, map[string]any{"kind": string(p.Kind), "kindergarten_year": p.Year.String()}); err != nil {
			return err
		}
		out = p
		return s.audit(ctx, "create", "procedure", p.ID, nil, p.auditFields())
	})
	return out, err
}

// newProcedure checks a nomination inside the transaction and builds the procedure.
func (s *Procedures) newProcedure(ctx context.Context, in NewProcedure) (Procedure, error) {
	c, err := s.store.Center(ctx, in.CenterID)
	if err == nil && c.Archived() {
		err = ErrNotFound
	}
	if err == nil {
		err = mayRead(ctx, access.CenterRead, centerRelated(c))
	}
	if err := requireActive(err, false, "center_id", "Das Familienzentrum"); err != nil {
		return Procedure{}, err
	}
	related := centerRelated(c)
	// The place comes from the grant recipient's youth office, so that office decides.
	if err := stayInScope(ctx, access.ProcedureNominate, access.Related{YouthOfficeIDs: []uuid.UUID{grantOffice(c)}}, "center_id"); err != nil {
		return Procedure{}, err
	}
	if in.Kind == KindRecertification {
		if err := s.requireSealForRecertification(ctx, c.ID); err != nil {
			return Procedure{}, err
		}
	}
	if _, err := s.store.OpenProcedure(ctx, c.ID); err == nil {
		return Procedure{}, ErrProcedureOpen
	} else if ErrorCode(err) != ENOTFOUND {
		return Procedure{}, err
	}
	version, err := s.deps.catalogues.versionFor(ctx, in.CatalogueVersion)
	if err != nil {
		return Procedure{}, err
	}
	number, err := s.store.CertificationNumber(ctx, c.ID)
	if err != nil {
		return Procedure{}, err
	}
	now := s.now()
	p := Procedure{ID: NewID(), Version: 1, CreatedAt: now, UpdatedAt: now, CenterID: c.ID, YouthOfficeID: grantOffice(c),
		Kind: in.Kind, Year: in.Year, CatalogueVersion: version, CertificationNumber: number, State: StateNominated, Related: related}
	if p.Kind == KindInitial {
		if err := s.deps.places.takePlace(ctx, p.YouthOfficeID, p.Year); err != nil {
			return Procedure{}, fmt.Errorf("take a place of %s: %w", p.Year, err)
		}
	}
	return p, nil
}

// requireSealForRecertification keeps roles limited to their own scope (planners) from
// re-certifying a center that never had a seal: that would bypass the contingent.
// Coordinators may, for centers whose earlier seals predate kitacert.
func (s *Procedures) requireSealForRecertification(ctx context.Context, centerID uuid.UUID) error {
	p, _ := access.From(ctx)
	if p.ScopeOf(access.ProcedureNominate) != access.Own {
		return nil
	}
	seal, err := s.deps.seals.latest(ctx, centerID)
	switch {
	case ErrorCode(err) == ENOTFOUND, err == nil && !seal.RevokedOn.IsZero():
		return Conflict("kind", "Eine Rezertifizierung setzt ein Gütesiegel voraus; bitte nominieren Sie das Familienzentrum zur Erstzertifizierung.")
	}
	return err
}

// grantOffice is the youth office of the center's grant recipient.
func grantOffice(c Center) uuid.UUID {
	for _, m := range c.Members {
		if m.Active() && m.Role == RoleGrantRecipient {
			return m.KitaYouthOfficeID
		}
	}
	return uuid.Nil
}

// Get returns one procedure.
func (s *Procedures) Get(ctx context.Context, id uuid.UUID) (Procedure, error) {
	p, err := s.store.Procedure(ctx, id)
	if err != nil {
		return Procedure{}, err
	}
	return p, mayRead(ctx, access.ProcedureRead, p.Related)
}

// List lists the procedures the caller may see.
func (s *Procedures) List(ctx context.Context, f ProcedureFilter) (List[Procedure], error) {
	scope, err := listFilter(ctx, access.ProcedureRead)
	if err != nil || scope.Nothing {
		return List[Procedure]{}, err
	}
	f.Scope = scope
	return s.store.Procedures(ctx, f)
}

// Events returns the history of a procedure.
func (s *Procedures) Events(ctx context.Context, id uuid.UUID) ([]Event, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	return s.store.Events(ctx, id)
}

// AllowedFor returns the actions the caller of ctx may take on p now.
func (s *Procedures) AllowedFor(ctx context.Context, p Procedure) []Action {
	pr, ok := access.From(ctx)
	if !ok {
		return []Action{}
	}
	return AllowedActions(pr, p)
}

// event appends a history entry of p made in ctx.
func (s *Procedures) event(ctx context.Context, p Procedure, action string, from, to State, comment string, fields map[string]any) error {
	e := &Event{ID: NewID(), ProcedureID: p.ID, At: s.now(), Action: action, From: from, To: to,
		Comment: strings.TrimSpace(comment), Fields: fields}
	if pr, ok := access.From(ctx); ok {
		e.ActorRole = string(pr.Role)
		e.ActorID = userID(pr.UserID)
	}
	if e.Fields == nil {
		e.Fields = map[string]any{}
	}
	return s.store.AppendEvent(ctx, e)
}

func (p Procedure) auditFields() map[string]any {
	m := map[string]any{"center_id": p.CenterID.String(), "kind": string(p.Kind), "kindergarten_year": p.Year.String(),
		"state": string(p.State), "catalogue_version": p.CatalogueVersion, "certification_number": p.CertificationNumber,
		"evidence_due_on": p.EvidenceDueOn.String(), "visit_on": p.VisitOn.String(), "decided_on": p.DecidedOn.String(),
		"assessor_id": idOrNil(p.AssessorID), "outcome_reason": p.OutcomeReason}
	return m
}
