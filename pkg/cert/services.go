package cert

import (
	"fmt"
	"strings"
	"time"
)

// Store is the union of every service's store; pkg/store implements it. Only New takes
// it: each service is built with the narrow interface it needs.
type Store interface {
	TxRunner
	AuditStore
	YouthOfficesStore
	ProvidersStore
	KitasStore
	ContactsStore
	CentersStore
	ContingentsStore
	CataloguesStore
	AssessmentsStore
	ProceduresStore
	SealsStore
	StatusStore
	// The outbox's pending reminders that a step makes moot are cancelled in the step's
	// transaction; a store without an outbox implements both as no-ops.
	Reminders
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

// Validate checks the settings; kitacert's config calls it, so that New's refusal is never
// met at run time. There are no defaults here: the config owns them.
func (s Settings) Validate() error {
	if !strings.Contains(s.CertificationNumberFormat, "{seq}") {
		return &SettingError{Setting: "CertificationNumberFormat", Problem: fmt.Sprintf("must contain {seq}, got %q", s.CertificationNumberFormat)}
	}
	if s.RenewalWindowOffsetMonths < -24 || s.RenewalWindowOffsetMonths > 24 {
		return &SettingError{Setting: "RenewalWindowOffsetMonths", Problem: fmt.Sprintf("want a number of months between -24 and 24, got %d", s.RenewalWindowOffsetMonths)}
	}
	return nil
}

// SettingError names the field of Settings that is wrong, for the config to name its
// variable.
type SettingError struct {
	Setting string // the field of Settings
	Problem string
}

// Error implements the error interface.
func (e *SettingError) Error() string { return e.Setting + ": " + e.Problem }

// Services holds the rules of the programme, one service per aggregate; every change
// runs in one transaction. Build it with New.
type Services struct {
	YouthOffices *YouthOffices // master data: youth offices
	Providers    *Providers    // master data: providers
	Kitas        *Kitas        // master data: Kitas
	Contacts     *Contacts     // master data: contact persons
	Centers      *Centers      // centers and their memberships
	Contingents  *Contingents  // places per youth office and kindergarten year
	Catalogues   *Catalogues   // versions of the criteria catalogue
	Assessments  *Assessments  // findings of procedures and their score
	Procedures   *Procedures   // nomination, the steps of the state machine, certification
	Seals        *Seals        // quality seals: read, extend, revoke
	Status       *StatusReader // "where do we stand?" for a center or a Kita: one statement
	Audit        *AuditTrail   // the audit trail, read
	// Evidence is the questionnaire with its documents and review; nil until SetEvidence.
	Evidence *Evidence
	// Issued is the report and the issued documents (quality profile, certificate); nil
	// until SetIssuer.
	Issued *Issued

	store Store
	clock Clock
	loc   *time.Location
	cfg   Settings
	steps StepNotifier
	ev    *evidenceDeps
	iss   *issuerDeps
}

// issuerDeps is what SetIssuer was given, kept for At.
type issuerDeps struct {
	store  IssuedStore
	blobs  Blobs
	render DocumentRenderer
}

// evidenceDeps is what SetEvidence was given, kept for At.
type evidenceDeps struct {
	store EvidenceStore
	blobs Blobs
	cfg   EvidenceSettings
}

// New returns the services keeping their data in store, reading time from clock and
// computing "today" in loc. Settings that do not pass Settings.Validate are a programming
// error (the config validates them first) and panic.
func New(store Store, clock Clock, loc *time.Location, cfg Settings) *Services {
	if err := cfg.Validate(); err != nil {
		panic("cert.New: " + err.Error())
	}
	return build(store, clock, loc, cfg, nil)
}

// build wires the services: cross-aggregate calls are constructor dependencies.
func build(store Store, clock Clock, loc *time.Location, cfg Settings, steps StepNotifier) *Services {
	c := core{tx: store, log: store, clock: clock, loc: loc}
	s := &Services{store: store, clock: clock, loc: loc, cfg: cfg, steps: steps}
	s.YouthOffices = newYouthOffices(c, store)
	s.Providers = newProviders(c, store)
	s.Kitas = newKitas(c, store)
	s.Contacts = newContacts(c, store)
	s.Seals = newSeals(c, store, cfg.RenewalWindowOffsetMonths)
	s.Centers = newCenters(c, store, s.Seals)
	s.Contingents = newContingents(c, store)
	s.Catalogues = newCatalogues(c, store)
	s.Assessments = newAssessments(c, store, s.Catalogues)
	s.Procedures = newProcedures(c, store, procedureDeps{seals: s.Seals, places: s.Contingents, catalogues: s.Catalogues,
		scores: s.Assessments, reminders: store, steps: steps}, cfg.CertificationNumberFormat)
	s.Status = NewStatus(store, clock, loc, cfg.RenewalWindowOffsetMonths)
	s.Audit = newAuditTrail(c, store)
	return s
}

// SetEvidence adds the questionnaire (answers, documents, review) on store and blobs with
// the size limits of cfg, and lets the steps of the procedures use it. It panics on limits
// that are not positive (kitacert's config always gives them).
func (s *Services) SetEvidence(store EvidenceStore, blobs Blobs, cfg EvidenceSettings) *Services {
	if cfg.MaxFileBytes <= 0 || cfg.MaxTotalBytes < cfg.MaxFileBytes || cfg.RetentionMonths < 0 {
		panic(fmt.Sprintf("cert.SetEvidence: want 0 < MaxFileBytes <= MaxTotalBytes and RetentionMonths >= 0, got %d, %d and %d",
			cfg.MaxFileBytes, cfg.MaxTotalBytes, cfg.RetentionMonths))
	}
	s.ev = &evidenceDeps{store: store, blobs: blobs, cfg: cfg}
	c := core{tx: s.store, log: s.store, clock: s.clock, loc: s.loc}
	s.Evidence = &Evidence{core: c, store: store, blobs: blobs, catalogues: s.Catalogues, cfg: cfg, retention: store}
	s.Procedures.deps.evidence = s.Evidence
	return s
}

// At returns the services reading time from clock instead: for kitacert's own work that
// records a plausible past (the demo's history), never for requests.
func (s *Services) At(clock Clock) *Services {
	out := build(s.store, clock, s.loc, s.cfg, s.steps)
	if s.ev != nil {
		out.SetEvidence(s.ev.store, s.ev.blobs, s.ev.cfg)
	}
	if s.iss != nil {
		out.SetIssuer(s.iss.store, s.iss.blobs, s.iss.render)
	}
	return out
}

// SetStepNotifier sets who hears of procedure steps (the notification outbox).
func (s *Services) SetStepNotifier(n StepNotifier) *Services {
	s.steps = n
	s.Procedures.deps.steps = n
	return s
}

// Today returns the current calendar day in the services' time zone.
func (s *Services) Today() Date { return Today(s.clock, s.loc) }

// SetIssuer adds the report and the issued documents: certify and reject then issue the
// quality profile (and certify the certificate), rendered by render and stored in blobs,
// in the step's transaction.
func (s *Services) SetIssuer(store IssuedStore, blobs Blobs, render DocumentRenderer) *Services {
	s.iss = &issuerDeps{store: store, blobs: blobs, render: render}
	c := core{tx: s.store, log: s.store, clock: s.clock, loc: s.loc}
	s.Issued = &Issued{core: c, store: store, blobs: blobs, catalogues: s.Catalogues, render: render}
	s.Procedures.deps.issuer = s.Issued
	return s
}
