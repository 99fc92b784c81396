package cert

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
)

// Store is everything the Service needs from persistence; pkg/store implements it.
type Store interface {
	TxRunner
	YouthOfficeStore
	ProviderStore
	KitaStore
	CenterStore
	ContactStore
	AuditStore
	ContingentStore
	CatalogueStore
	ProcedureStore
	SealStore
	// The outbox's pending reminders that a step makes moot are cancelled in the step's
	// transaction; a store without an outbox implements both as no-ops.
	ReminderCanceller
	ProcedureReminderCanceller
}

// Service holds the rules of the programme; every change runs in one transaction.
type Service struct {
	store Store
	clock Clock
	loc   *time.Location
	cfg   Settings
	steps StepNotifier // nil: nobody hears of procedure steps (see SetStepNotifier)
}

// Settings are the configurable parts of the rules.
type Settings struct {
	// CertificationNumberFormat makes new certification numbers: {year} is the starting
	// year of the procedure's kindergarten year, {seq} a running number of five digits.
	CertificationNumberFormat string
	// RenewalWindowOffsetMonths moves the start of the re-certification window (the start
	// of the kindergarten year that ends on valid_until) by this many months.
	RenewalWindowOffsetMonths int
}

// DefaultCertificationNumberFormat is the default of Settings.CertificationNumberFormat.
const DefaultCertificationNumberFormat = "FZ-{year}-{seq}"

// NewService returns a Service that keeps its data in store, reads time from clock and
// computes "today" in loc.
func NewService(store Store, clock Clock, loc *time.Location) *Service {
	return &Service{store: store, clock: clock, loc: loc, cfg: Settings{CertificationNumberFormat: DefaultCertificationNumberFormat}}
}

// Configure replaces the settings; an empty number format keeps the default.
func (s *Service) Configure(cfg Settings) *Service {
	if cfg.CertificationNumberFormat == "" {
		cfg.CertificationNumberFormat = DefaultCertificationNumberFormat
	}
	s.cfg = cfg
	return s
}

// At returns the service reading time from clock instead: for kitacert's own work that
// records a plausible past (the demo's history), never for requests.
func (s *Service) At(clock Clock) *Service {
	c := *s
	c.clock = clock
	return &c
}

// Today returns the current calendar day in the service's time zone.
func (s *Service) Today() Date { return Today(s.clock, s.loc) }

func (s *Service) now() time.Time { return s.clock.Now().UTC().Truncate(time.Microsecond) }

// errNoChange tells change that the object stays as it is (archiving an archived object).
var errNoChange = errors.New("no change")

// entity is a pointer to a master-data type with an embedded Meta.
type entity[T any] interface {
	*T
	meta() *Meta
}

// op describes one change of a master-data object for change.
type op[T any] struct {
	kind   string // resource type in the audit trail
	action string // audit action: update, archive
	load   func(context.Context, uuid.UUID) (T, error)
	guard  func(ctx context.Context, cur T) error // authorization, before anything else
	mutate func(ctx context.Context, cur T) (T, error)
	save   func(context.Context, *T) error // must fail with ErrStale when the version moved
	fields func(T) map[string]any          // for the audit trail
}

// change loads an object, checks access and the precondition, lets mutate produce the new
// state, saves it and appends the audit entry, all in one transaction.
// Under "If-Match: *" a lost race with another writer is tried again (RetryStale).
func change[T any, P entity[T]](ctx context.Context, s *Service, id uuid.UUID, m IfMatch, required bool, o op[T]) (T, error) {
	var out T
	err := RetryStale(m, func() error { return changeOnce[T, P](ctx, s, id, m, required, o, &out) })
	return out, err
}

// changeOnce is one attempt of change.
func changeOnce[T any, P entity[T]](ctx context.Context, s *Service, id uuid.UUID, m IfMatch, required bool, o op[T], res *T) error {
	var out T
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		cur, err := o.load(ctx, id)
		if err != nil {
			return err
		}
		if err := o.guard(ctx, cur); err != nil {
			return err
		}
		if err := m.check(P(&cur).meta().Version, required); err != nil {
			return err
		}
		next, err := o.mutate(ctx, cur)
		if errors.Is(err, errNoChange) {
			out = cur
			return nil
		}
		if err != nil {
			return err
		}
		P(&next).meta().UpdatedAt = s.now()
		if err := o.save(ctx, &next); err != nil {
			return err
		}
		out = next
		return s.audit(ctx, o.action, o.kind, id, o.fields(cur), o.fields(next))
	})
	*res = out
	return err
}

// newMeta stamps a new object.
func (s *Service) newMeta() Meta {
	now := s.now()
	return Meta{ID: NewID(), Version: 1, CreatedAt: now, UpdatedAt: now}
}

// archive is the mutate step of every archive action.
func (s *Service) archive(m *Meta) error {
	if m.Archived() {
		return errNoChange
	}
	now := s.now()
	m.ArchivedAt = &now
	return nil
}

// errArchived refuses changes to archived objects.
func errArchived(what string) error {
	return Errorf(ECONFLICT, "%s ist archiviert und kann nicht mehr geändert werden.", what)
}

// requireActive turns a failed or archived lookup of a referenced object into a field error.
func requireActive(err error, archived bool, field, what string) error {
	switch {
	case ErrorCode(err) == ENOTFOUND:
		return &Error{Code: EINVALID, Message: what + " existiert nicht.", Fields: []FieldError{{field, what + " existiert nicht."}}}
	case err != nil:
		return err
	case archived:
		return &Error{Code: EINVALID, Message: what + " ist archiviert.", Fields: []FieldError{{field, what + " ist archiviert."}}}
	}
	return nil
}

// one is a page of a single item, for "is there any?" questions.
var one = Page{Limit: 1}
