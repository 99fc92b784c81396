package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

type procedureRow struct {
	ID                  uuid.UUID `gorm:"primaryKey"`
	Version             int
	CreatedAt           time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt           time.Time `gorm:"autoUpdateTime:false"`
	CenterID            uuid.UUID
	YouthOfficeID       uuid.UUID
	Kind                string
	Year                int
	CatalogueVersion    string
	AssessorID          *uuid.UUID
	CertificationNumber *string
	State               string
	Open                bool
	EvidenceDueOn       cert.Date
	VisitOn             cert.Date
	VisitSites          string
	DecidedOn           cert.Date
	OutcomeReason       string
	SealID              *uuid.UUID
	DeferredFromID      *uuid.UUID
	DeferredToID        *uuid.UUID
}

func (procedureRow) TableName() string { return "procedures" }

type eventRow struct {
	ID          uuid.UUID `gorm:"primaryKey"`
	ProcedureID uuid.UUID
	At          time.Time `gorm:"autoCreateTime:false"`
	ActorID     *uuid.UUID
	ActorRole   string
	Action      string
	FromState   string
	ToState     string
	Comment     string
	Fields      string
}

func (eventRow) TableName() string { return "procedure_events" }

type certificationNumberRow struct {
	Number    string `gorm:"primaryKey"`
	CenterID  uuid.UUID
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
}

func (certificationNumberRow) TableName() string { return "certification_numbers" }

func init() { registerRowModels(&procedureRow{}, &eventRow{}, &certificationNumberRow{}) }

func procedureToRow(p cert.Procedure) procedureRow {
	r := procedureRow{ID: p.ID, Version: p.Version, CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC(),
		CenterID: p.CenterID, YouthOfficeID: p.YouthOfficeID, Kind: string(p.Kind), Year: int(p.Year),
		CatalogueVersion: p.CatalogueVersion, AssessorID: p.AssessorID, State: string(p.State), Open: p.State.Open(),
		EvidenceDueOn: p.EvidenceDueOn, VisitOn: p.VisitOn, DecidedOn: p.DecidedOn, OutcomeReason: p.OutcomeReason,
		SealID: p.SealID, DeferredFromID: p.DeferredFromID, DeferredToID: p.DeferredToID}
	if p.CertificationNumber != "" {
		n := p.CertificationNumber
		r.CertificationNumber = &n
	}
	ids := make([]string, len(p.VisitSites))
	for i, id := range p.VisitSites {
		ids[i] = id.String()
	}
	r.VisitSites = strings.Join(ids, ",")
	return r
}

func (r procedureRow) domain() cert.Procedure {
	p := cert.Procedure{ID: r.ID, Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		CenterID: r.CenterID, YouthOfficeID: r.YouthOfficeID, Kind: cert.ProcedureKind(r.Kind), Year: cert.KindergartenYear(r.Year),
		CatalogueVersion: r.CatalogueVersion, AssessorID: r.AssessorID, State: cert.State(r.State),
		EvidenceDueOn: r.EvidenceDueOn, VisitOn: r.VisitOn, DecidedOn: r.DecidedOn, OutcomeReason: r.OutcomeReason,
		SealID: r.SealID, DeferredFromID: r.DeferredFromID, DeferredToID: r.DeferredToID, VisitSites: []uuid.UUID{}}
	if r.CertificationNumber != nil {
		p.CertificationNumber = *r.CertificationNumber
	}
	for _, s := range strings.Split(r.VisitSites, ",") {
		if id, err := uuid.Parse(s); err == nil {
			p.VisitSites = append(p.VisitSites, id)
		}
	}
	return p
}

// CreateProcedure implements cert.ProcedureStore.
func (db *DB) CreateProcedure(ctx context.Context, p *cert.Procedure) error {
	r := procedureToRow(*p)
	if err := db.conn(ctx).Create(&r).Error; err != nil {
		if ErrorIsConstraint(err) != "" {
			return cert.ErrProcedureOpen
		}
		return mapError(err)
	}
	return nil
}

// Procedure implements cert.ProcedureStore.
func (db *DB) Procedure(ctx context.Context, id uuid.UUID) (cert.Procedure, error) {
	r, err := getRow[procedureRow](ctx, db, id)
	if err != nil {
		return cert.Procedure{}, err
	}
	ps := []cert.Procedure{r.domain()}
	if err := db.relateProcedures(ctx, ps); err != nil {
		return cert.Procedure{}, err
	}
	return ps[0], nil
}

// LockProcedure implements cert.ProcedureStore: SELECT … FOR UPDATE on PostgreSQL; SQLite
// transactions hold the database's write lock from their start anyway.
func (db *DB) LockProcedure(ctx context.Context, id uuid.UUID) error {
	if db.dialect != Postgres {
		return nil
	}
	var r procedureRow
	err := db.conn(ctx).Select("id").Where("id = ?", id).Clauses(clause.Locking{Strength: "UPDATE"}).Take(&r).Error
	return mapError(err)
}

// relateProcedures fills Related from the centers' active members, in one query.
func (db *DB) relateProcedures(ctx context.Context, ps []cert.Procedure) error {
	if len(ps) == 0 {
		return nil
	}
	centers := make([]uuid.UUID, len(ps))
	for i, p := range ps {
		centers[i] = p.CenterID
	}
	var views []membershipView
	if err := db.membershipQuery(ctx).Where("m.center_id IN ? AND m.left_on IS NULL", centers).Find(&views).Error; err != nil {
		return mapError(err)
	}
	for i := range ps {
		r := access.Related{YouthOfficeIDs: []uuid.UUID{ps[i].YouthOfficeID}}
		for _, v := range views {
			if v.Row.CenterID == ps[i].CenterID {
				r.KitaIDs = append(r.KitaIDs, v.Row.KitaID)
				r.YouthOfficeIDs = append(r.YouthOfficeIDs, v.KitaYouthOfficeID)
			}
		}
		ps[i].Related = r
	}
	return nil
}

// Procedures implements cert.ProcedureStore.
func (db *DB) Procedures(ctx context.Context, f cert.ProcedureFilter) (cert.List[cert.Procedure], error) {
	q := db.conn(ctx).Model(&procedureRow{})
	if f.CenterID != nil {
		q = q.Where("center_id = ?", *f.CenterID)
	}
	if f.State != "" {
		q = q.Where("state = ?", string(f.State))
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", string(f.Kind))
	}
	if f.Year != nil {
		q = q.Where("year = ?", int(*f.Year))
	}
	if f.AssessorID != nil {
		q = q.Where("assessor_id = ?", *f.AssessorID)
	}
	if f.YouthOfficeID != nil {
		q = q.Where("youth_office_id = ?", *f.YouthOfficeID)
	}
	if f.Open != nil {
		q = q.Where("open = ?", *f.Open)
	}
	if d := f.OverdueOn; d != nil {
		q = q.Where("((state IN ? AND evidence_due_on IS NOT NULL AND evidence_due_on < ?) OR (state = ? AND visit_on IS NOT NULL AND visit_on < ?))",
			[]string{string(cert.StateRegistered), string(cert.StateEvidenceRequested)}, *d, string(cert.StateVisitScheduled), *d)
	}
	q = db.whereCenterOrNumber(ctx, q, "procedures", f.Q)
	if f.Scope.YouthOffice != nil {
		q = q.Where("(youth_office_id = ? OR center_id IN (?))", *f.Scope.YouthOffice, db.conn(ctx).Table("center_memberships m").
			Select("m.center_id").Joins("JOIN kitas k ON k.id = m.kita_id").Where("k.youth_office_id = ? AND m.left_on IS NULL", *f.Scope.YouthOffice))
	}
	if f.Scope.Kita != nil {
		q = q.Where("center_id IN (?)", db.conn(ctx).Model(&membershipRow{}).Select("center_id").
			Where("kita_id = ? AND left_on IS NULL", *f.Scope.Kita))
	}
	p := f.Page
	p.IncludeArchived = true
	list, err := listRows(q, p, procedureRow.domain, func(r procedureRow) uuid.UUID { return r.ID })
	if err != nil {
		return list, err
	}
	return list, db.relateProcedures(ctx, list.Items)
}

// OpenProcedure implements cert.ProcedureStore.
func (db *DB) OpenProcedure(ctx context.Context, centerID uuid.UUID) (cert.Procedure, error) {
	var r procedureRow
	if err := db.conn(ctx).Where("center_id = ? AND open = ?", centerID, true).Take(&r).Error; err != nil {
		return cert.Procedure{}, mapError(err)
	}
	ps := []cert.Procedure{r.domain()}
	err := db.relateProcedures(ctx, ps)
	return ps[0], err
}

// UpdateProcedure implements cert.ProcedureStore.
func (db *DB) UpdateProcedure(ctx context.Context, p *cert.Procedure) error {
	r := procedureToRow(*p)
	cols := map[string]any{"updated_at": r.UpdatedAt, "assessor_id": r.AssessorID, "certification_number": r.CertificationNumber,
		"state": r.State, "open": r.Open, "evidence_due_on": r.EvidenceDueOn, "visit_on": r.VisitOn, "visit_sites": r.VisitSites,
		"decided_on": r.DecidedOn, "outcome_reason": r.OutcomeReason, "seal_id": r.SealID, "deferred_to_id": r.DeferredToID,
		"catalogue_version": r.CatalogueVersion}
	if err := updateRow(ctx, db, "procedures", p.ID, p.Version, cols); err != nil {
		return err
	}
	p.Version++
	return nil
}

// AppendEvent implements cert.ProcedureStore.
func (db *DB) AppendEvent(ctx context.Context, e *cert.Event) error {
	fields, err := json.Marshal(e.Fields)
	if err != nil {
		return err
	}
	r := eventRow{ID: e.ID, ProcedureID: e.ProcedureID, At: e.At.UTC(), ActorID: e.ActorID, ActorRole: e.ActorRole,
		Action: e.Action, FromState: string(e.From), ToState: string(e.To), Comment: e.Comment, Fields: string(fields)}
	return mapError(db.conn(ctx).Create(&r).Error)
}

// Events implements cert.ProcedureStore: oldest first.
func (db *DB) Events(ctx context.Context, procedureID uuid.UUID) ([]cert.Event, error) {
	var rows []eventRow
	if err := db.conn(ctx).Where("procedure_id = ?", procedureID).Order("id").Find(&rows).Error; err != nil {
		return nil, mapError(err)
	}
	out := make([]cert.Event, len(rows))
	for i, r := range rows {
		var fields map[string]any
		_ = json.Unmarshal([]byte(r.Fields), &fields)
		if fields == nil {
			fields = map[string]any{}
		}
		out[i] = cert.Event{ID: r.ID, ProcedureID: r.ProcedureID, At: r.At.UTC(), ActorID: r.ActorID, ActorRole: r.ActorRole,
			Action: r.Action, From: cert.State(r.FromState), To: cert.State(r.ToState), Comment: r.Comment, Fields: fields}
	}
	return out, nil
}

// CertificationNumber implements cert.ProcedureStore.
func (db *DB) CertificationNumber(ctx context.Context, centerID uuid.UUID) (string, error) {
	var r certificationNumberRow
	err := db.conn(ctx).Where("center_id = ?", centerID).Take(&r).Error
	if err == gorm.ErrRecordNotFound {
		return "", nil
	}
	return r.Number, mapError(err)
}

// ClaimCertificationNumber implements cert.ProcedureStore. The claim runs in a savepoint
// so that a taken number does not spoil the surrounding transaction on PostgreSQL.
func (db *DB) ClaimCertificationNumber(ctx context.Context, centerID uuid.UUID, number string, at time.Time) error {
	r := certificationNumberRow{Number: number, CenterID: centerID, CreatedAt: at.UTC()}
	err := db.conn(ctx).Transaction(func(tx *gorm.DB) error { return tx.Create(&r).Error })
	if err != nil && ErrorIsConstraint(err) != "" {
		return cert.Conflict("certification_number", "Die Zertifizierungsnummer ist bereits vergeben.")
	}
	return mapError(err)
}

// CountCertificationNumbers implements cert.ProcedureStore.
func (db *DB) CountCertificationNumbers(ctx context.Context) (int64, error) {
	var n int64
	err := db.conn(ctx).Model(&certificationNumberRow{}).Count(&n).Error
	return n, mapError(err)
}
