package cert

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// ProcedureKind tells an initial certification from a re-certification.
type ProcedureKind string

// The procedure kinds.
const (
	KindInitial         ProcedureKind = "initial"
	KindRecertification ProcedureKind = "recertification"
)

// Valid reports whether k is a known kind.
func (k ProcedureKind) Valid() bool { return k == KindInitial || k == KindRecertification }

// State is where a procedure stands.
type State string

// The states of a procedure (docs/lifecycle.md draws them).
const (
	StateNominated         State = "nominated"
	StateRegistered        State = "registered"
	StateEvidenceSubmitted State = "evidence_submitted"
	StateInReview          State = "in_review"
	StateEvidenceRequested State = "evidence_requested"
	StateVisitScheduled    State = "visit_scheduled"
	StateVisited           State = "visited"
	StateCertified         State = "certified"
	StateNotCertified      State = "not_certified"
	StateWithdrawn         State = "withdrawn"
	StateDeferred          State = "deferred"
)

// States lists every state in lifecycle order.
var States = []State{StateNominated, StateRegistered, StateEvidenceSubmitted, StateInReview, StateEvidenceRequested,
	StateVisitScheduled, StateVisited, StateCertified, StateNotCertified, StateWithdrawn, StateDeferred}

// Open reports whether a procedure in this state is still running.
func (s State) Open() bool {
	switch s {
	case StateCertified, StateNotCertified, StateWithdrawn, StateDeferred:
		return false
	}
	return true
}

// Action is a step of the state machine.
type Action string

// The actions of the state machine.
const (
	ActRegister        Action = "register"
	ActSubmitEvidence  Action = "submit_evidence"
	ActStartReview     Action = "start_review"
	ActRequestEvidence Action = "request_evidence"
	ActScheduleVisit   Action = "schedule_visit"
	ActRecordVisit     Action = "record_visit"
	ActCertify         Action = "certify"
	ActReject          Action = "reject"
	ActWithdraw        Action = "withdraw"
	ActDefer           Action = "defer"
)

// Transition is one row of the state machine: from which states an action leads where,
// and which policy action a caller needs for it.
type Transition struct {
	Action Action
	From   []State
	To     State
	Right  access.Action
}

// Procedure is one certification procedure of a center.
type Procedure struct {
	ID                  uuid.UUID
	Version             int
	CreatedAt           time.Time
	UpdatedAt           time.Time
	CenterID            uuid.UUID
	YouthOfficeID       uuid.UUID // the office that nominated (initial) or of the grant recipient
	Kind                ProcedureKind
	Year                KindergartenYear
	CatalogueVersion    string
	AssessorID          *uuid.UUID
	CertificationNumber string
	State               State
	EvidenceDueOn       Date
	VisitOn             Date
	VisitSites          []uuid.UUID
	DecidedOn           Date
	OutcomeReason       string
	SealID              *uuid.UUID
	DeferredFromID      *uuid.UUID
	DeferredToID        *uuid.UUID

	// Related is derived when loaded: the center's active member Kitas and their offices.
	Related access.Related
}

// Event is one entry of a procedure's history.
type Event struct {
	ID          uuid.UUID
	ProcedureID uuid.UUID
	At          time.Time
	ActorID     *uuid.UUID
	ActorRole   string
	Action      string // a state machine action, or "create"
	From        State
	To          State
	Comment     string
	Fields      map[string]any
}

// ProcedureFilter selects procedures for a list.
type ProcedureFilter struct {
	Page
	CenterID      *uuid.UUID
	State         State
	Kind          ProcedureKind
	Year          *KindergartenYear
	AssessorID    *uuid.UUID
	YouthOfficeID *uuid.UUID
	Open          *bool // nil: all; true: still under way; false: finished
	// OverdueOn, when set, keeps the procedures whose deadline has passed on that day: the
	// evidence due date while registered or evidence requested, the visit day while the
	// visit is scheduled (not yet recorded).
	OverdueOn *Date
	Q         string // part of the center's name or of the certification number
	Scope     access.Filter
}

// ProcedureStore persists procedures and their history.
type ProcedureStore interface {
	CreateProcedure(ctx context.Context, p *Procedure) error
	Procedure(ctx context.Context, id uuid.UUID) (Procedure, error)
	// LockProcedure holds the procedure's row until the transaction ends, so concurrent
	// steps queue and the later ones see the new version (ErrNotFound when it is gone).
	LockProcedure(ctx context.Context, id uuid.UUID) error
	Procedures(ctx context.Context, f ProcedureFilter) (List[Procedure], error)
	// OpenProcedure returns the open procedure of a center, or ErrNotFound.
	OpenProcedure(ctx context.Context, centerID uuid.UUID) (Procedure, error)
	// UpdateProcedure stores p if the stored version still is p.Version, then bumps it.
	UpdateProcedure(ctx context.Context, p *Procedure) error
	AppendEvent(ctx context.Context, e *Event) error
	Events(ctx context.Context, procedureID uuid.UUID) ([]Event, error)
	// CertificationNumber returns the number of a center, or "" when it has none.
	CertificationNumber(ctx context.Context, centerID uuid.UUID) (string, error)
	// ClaimCertificationNumber records number for the center; a taken number is ECONFLICT.
	ClaimCertificationNumber(ctx context.Context, centerID uuid.UUID, number string, at time.Time) error
	// CountCertificationNumbers counts the numbers issued so far, for the next one.
	CountCertificationNumbers(ctx context.Context) (int64, error)
}
