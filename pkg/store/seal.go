package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/kitacert/kitacert/pkg/cert"
)

type sealRow struct {
	ID                  uuid.UUID `gorm:"primaryKey"`
	Version             int
	CreatedAt           time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt           time.Time `gorm:"autoUpdateTime:false"`
	CenterID            uuid.UUID
	ProcedureID         uuid.UUID
	CertificationNumber string
	ValidFrom           cert.Date
	ValidUntil          cert.Date
	PredecessorID       *uuid.UUID
	SuccessorID         *uuid.UUID
	RevokedOn           cert.Date
	RevocationReason    string
	ReviewRequired      bool
	CertifiedKitas      int
	// NextReminderOn is the sweep's bookmark (see pkg/store/sweep.go); zero: compute again.
	NextReminderOn cert.Date
}

func (sealRow) TableName() string { return "seals" }

func sealToRow(s cert.Seal) sealRow {
	return sealRow{ID: s.ID, Version: s.Version, CreatedAt: s.CreatedAt.UTC(), UpdatedAt: s.UpdatedAt.UTC(),
		CenterID: s.CenterID, ProcedureID: s.ProcedureID, CertificationNumber: s.CertificationNumber,
		ValidFrom: s.ValidFrom, ValidUntil: s.ValidUntil, PredecessorID: s.PredecessorID, SuccessorID: s.SuccessorID,
		RevokedOn: s.RevokedOn, RevocationReason: s.RevocationReason, ReviewRequired: s.ReviewRequired, CertifiedKitas: s.CertifiedKitas}
}

func (r sealRow) domain() cert.Seal {
	return cert.Seal{ID: r.ID, Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		CenterID: r.CenterID, ProcedureID: r.ProcedureID, CertificationNumber: r.CertificationNumber,
		ValidFrom: r.ValidFrom, ValidUntil: r.ValidUntil, PredecessorID: r.PredecessorID, SuccessorID: r.SuccessorID,
		RevokedOn: r.RevokedOn, RevocationReason: r.RevocationReason, ReviewRequired: r.ReviewRequired, CertifiedKitas: r.CertifiedKitas,
		Coverage: []cert.SealCoverage{}, Extensions: []cert.SealExtension{}}
}

type sealKitaRow struct {
	SealID       uuid.UUID `gorm:"primaryKey"`
	KitaID       uuid.UUID `gorm:"primaryKey"`
	CoveredFrom  cert.Date `gorm:"primaryKey"`
	CoveredUntil cert.Date
	Awarded      bool // the seal was awarded with this coverage (set at the decision)
}

func (sealKitaRow) TableName() string { return "seal_kitas" }

// sealKitaView is a coverage row with its Kita's youth office, for Seal.Related.
type sealKitaView struct {
	Row           sealKitaRow `gorm:"embedded"`
	YouthOfficeID uuid.UUID
}

type sealExtensionRow struct {
	ID                 uuid.UUID `gorm:"primaryKey"`
	SealID             uuid.UUID
	At                 time.Time `gorm:"autoCreateTime:false"`
	ActorID            *uuid.UUID
	PreviousValidUntil cert.Date
	NewValidUntil      cert.Date
	Reason             string
	LegalBasis         string
}

func (sealExtensionRow) TableName() string { return "seal_extensions" }

func (r sealExtensionRow) domain() cert.SealExtension {
	return cert.SealExtension{ID: r.ID, SealID: r.SealID, At: r.At.UTC(), ActorID: r.ActorID,
		PreviousValidUntil: r.PreviousValidUntil, NewValidUntil: r.NewValidUntil, Reason: r.Reason, LegalBasis: r.LegalBasis}
}

func init() { registerRowModels(&sealRow{}, &sealKitaRow{}, &sealExtensionRow{}) }

// CreateSeal implements cert.SealsStore.
func (db *DB) CreateSeal(ctx context.Context, s *cert.Seal) error {
	return db.InTx(ctx, func(ctx context.Context) error {
		r := sealToRow(*s)
		if err := db.conn(ctx).Create(&r).Error; err != nil {
			return mapError(err)
		}
		for _, c := range s.Coverage {
			if err := db.AddCoverage(ctx, s.ID, c); err != nil {
				return err
			}
		}
		return nil
	})
}

// Seal implements cert.SealsStore.
func (db *DB) Seal(ctx context.Context, id uuid.UUID) (cert.Seal, error) {
	r, err := getRow[sealRow](ctx, db, id)
	if err != nil {
		return cert.Seal{}, err
	}
	seals := []cert.Seal{r.domain()}
	return seals[0], db.loadSealDetails(ctx, seals)
}

// LatestSeal implements cert.SealsStore.
func (db *DB) LatestSeal(ctx context.Context, centerID uuid.UUID) (cert.Seal, error) {
	var r sealRow
	err := db.conn(ctx).Where("center_id = ?", centerID).Order("valid_until DESC, id DESC").Take(&r).Error
	if err != nil {
		return cert.Seal{}, mapError(err)
	}
	seals := []cert.Seal{r.domain()}
	return seals[0], db.loadSealDetails(ctx, seals)
}

// Seals implements cert.SealsStore, with the renewal window moved by
// f.WindowOffsetMonths. Statuses are computed in SQL for f.AsOf with the rules of
// cert.Seal.Status; the window becomes a bound on valid_until (cert.RenewalDueThrough).
// Coverage and extensions are loaded with one query each for the whole page.
func (db *DB) Seals(ctx context.Context, f cert.SealFilter) (cert.List[cert.Seal], error) {
	if f.Scope.Nothing {
		return cert.List[cert.Seal]{Items: []cert.Seal{}}, nil
	}
	q := db.conn(ctx).Model(&sealRow{})
	if f.Status != "" {
		if f.AsOf.IsZero() {
			return cert.List[cert.Seal]{}, cert.Errorf(cert.EINTERNAL, "store: a seal status filter needs AsOf")
		}
		var err error
		if q, err = whereSealStatus(q, f.Status, f.AsOf, cert.RenewalDueThrough(f.AsOf, f.WindowOffsetMonths)); err != nil {
			return cert.List[cert.Seal]{}, err
		}
	}
	if f.ExpiresBefore != nil {
		q = q.Where("valid_until < ?", *f.ExpiresBefore)
	}
	if f.ExpiresAfter != nil {
		q = q.Where("valid_until > ?", *f.ExpiresAfter)
	}
	if f.CenterID != nil {
		q = q.Where("center_id = ?", *f.CenterID)
	}
	q = db.whereCenterOrNumber(ctx, q, "seals", f.Q)
	if f.YouthOfficeID != nil {
		q = q.Where("id IN (?)", db.coveredKitas(ctx).Where("k.youth_office_id = ?", *f.YouthOfficeID))
	}
	if f.ProviderID != nil {
		q = q.Where("id IN (?)", db.coveredKitas(ctx).Where("k.provider_id = ?", *f.ProviderID))
	}
	if f.Scope.YouthOffice != nil {
		q = q.Where("id IN (?)", db.coveredKitas(ctx).Where("k.youth_office_id = ?", *f.Scope.YouthOffice))
	}
	if f.Scope.Kita != nil {
		q = q.Where("id IN (?)", db.conn(ctx).Model(&sealKitaRow{}).Select("seal_id").Where("kita_id = ?", *f.Scope.Kita))
	}
	p := f.Page
	p.IncludeArchived = true // seals are never archived; the table has no archived_at
	list, err := listRows(q, p, sealRow.domain, func(r sealRow) uuid.UUID { return r.ID })
	if err != nil {
		return list, err
	}
	return list, db.loadSealDetails(ctx, list.Items)
}

// coveredKitas selects the ids of seals that cover or covered a Kita, for filters on the
// Kitas (alias k) by youth office or provider. Past coverage counts: a seal stays part
// of the history of the Kitas it covered.
func (db *DB) coveredKitas(ctx context.Context) *gorm.DB {
	return db.conn(ctx).Table("seal_kitas sk").Select("sk.seal_id").Joins("JOIN kitas k ON k.id = sk.kita_id")
}

// whereSealStatus adds the condition "the seal has status st on asOf"; renewalThrough is
// cert.RenewalDueThrough(asOf, offset). It mirrors cert.Seal.Status rule by rule.
func whereSealStatus(q *gorm.DB, st cert.SealStatus, asOf, renewalThrough cert.Date) (*gorm.DB, error) {
	if st == cert.SealRevoked {
		return q.Where("revoked_on IS NOT NULL AND revoked_on <= ?", asOf), nil
	}
	q = q.Where("(revoked_on IS NULL OR revoked_on > ?)", asOf)
	switch st {
	case cert.SealPending:
		return q.Where("valid_from > ?", asOf), nil
	case cert.SealSuperseded:
		return q.Where("valid_until < ? AND successor_id IS NOT NULL", asOf), nil
	case cert.SealExpired:
		return q.Where("valid_until < ? AND successor_id IS NULL", asOf), nil
	case cert.SealRenewalDue:
		return q.Where("valid_from <= ? AND valid_until >= ? AND valid_until <= ?", asOf, asOf, renewalThrough), nil
	case cert.SealActive:
		return q.Where("valid_from <= ? AND valid_until >= ? AND valid_until > ?", asOf, asOf, renewalThrough), nil
	}
	return q, &cert.Error{Code: cert.EINVALID, Message: "Unbekannter Status.", Fields: []cert.FieldError{{Field: "status", Message: "Unbekannter Status."}}}
}

// loadSealDetails fills coverage, extensions and Related of seals, with one query each.
func (db *DB) loadSealDetails(ctx context.Context, seals []cert.Seal) error {
	if len(seals) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(seals))
	at := make(map[uuid.UUID]*cert.Seal, len(seals))
	for i := range seals {
		ids[i] = seals[i].ID
		at[seals[i].ID] = &seals[i]
	}
	var cov []sealKitaView
	err := db.conn(ctx).Table("seal_kitas sk").
		Select("sk.seal_id, sk.kita_id, sk.covered_from, sk.covered_until, sk.awarded, k.youth_office_id").
		Joins("JOIN kitas k ON k.id = sk.kita_id").
		Where("sk.seal_id IN ?", ids).Order("sk.covered_from, sk.kita_id").Find(&cov).Error
	if err != nil {
		return mapError(err)
	}
	seenKita := map[uuid.UUID]map[uuid.UUID]bool{}
	seenOffice := map[uuid.UUID]map[uuid.UUID]bool{}
	for _, v := range cov {
		s := at[v.Row.SealID]
		s.Coverage = append(s.Coverage, cert.SealCoverage{KitaID: v.Row.KitaID, CoveredFrom: v.Row.CoveredFrom,
			CoveredUntil: v.Row.CoveredUntil, Awarded: v.Row.Awarded})
		if seenKita[s.ID] == nil {
			seenKita[s.ID], seenOffice[s.ID] = map[uuid.UUID]bool{}, map[uuid.UUID]bool{}
		}
		if !seenKita[s.ID][v.Row.KitaID] {
			seenKita[s.ID][v.Row.KitaID] = true
			s.Related.KitaIDs = append(s.Related.KitaIDs, v.Row.KitaID)
		}
		if !seenOffice[s.ID][v.YouthOfficeID] {
			seenOffice[s.ID][v.YouthOfficeID] = true
			s.Related.YouthOfficeIDs = append(s.Related.YouthOfficeIDs, v.YouthOfficeID)
		}
	}
	var exts []sealExtensionRow
	if err := db.conn(ctx).Where("seal_id IN ?", ids).Order("id").Find(&exts).Error; err != nil {
		return mapError(err)
	}
	for _, e := range exts {
		s := at[e.SealID]
		s.Extensions = append(s.Extensions, e.domain())
	}
	return nil
}

// UpdateSeal implements cert.SealsStore.
func (db *DB) UpdateSeal(ctx context.Context, s *cert.Seal) error {
	cols := map[string]any{"updated_at": s.UpdatedAt.UTC(), "valid_until": s.ValidUntil, "successor_id": s.SuccessorID,
		"revoked_on": s.RevokedOn, "revocation_reason": s.RevocationReason, "review_required": s.ReviewRequired,
		"next_reminder_on": nil} // any change may move the reminders: the next sweep computes them again
	if err := updateRow(ctx, db, "seals", s.ID, s.Version, cols); err != nil {
		return err
	}
	s.Version++
	return nil
}

// AddExtension implements cert.SealsStore.
func (db *DB) AddExtension(ctx context.Context, e *cert.SealExtension) error {
	r := sealExtensionRow{ID: e.ID, SealID: e.SealID, At: e.At.UTC(), ActorID: e.ActorID,
		PreviousValidUntil: e.PreviousValidUntil, NewValidUntil: e.NewValidUntil, Reason: e.Reason, LegalBasis: e.LegalBasis}
	return mapError(db.conn(ctx).Create(&r).Error)
}

// AddCoverage implements cert.SealsStore. A Kita that left and rejoins on the day its
// previous coverage began has that coverage reopened (the key is seal, Kita and first day)
// and keeps whether it was awarded.
func (db *DB) AddCoverage(ctx context.Context, sealID uuid.UUID, c cert.SealCoverage) error {
	r := sealKitaRow{SealID: sealID, KitaID: c.KitaID, CoveredFrom: c.CoveredFrom, CoveredUntil: c.CoveredUntil, Awarded: c.Awarded}
	err := db.conn(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "seal_id"}, {Name: "kita_id"}, {Name: "covered_from"}},
		DoUpdates: clause.AssignmentColumns([]string{"covered_until"}),
	}).Create(&r).Error
	return mapError(err)
}

// EndCoverage implements cert.SealsStore. An open coverage that would only have begun after
// until (a Kita leaving before a pending seal starts) never took effect and is removed.
// A Kita without open coverage under the seal is not found.
func (db *DB) EndCoverage(ctx context.Context, sealID, kitaID uuid.UUID, until cert.Date) error {
	const open = "seal_id = ? AND kita_id = ? AND covered_until IS NULL"
	del := db.conn(ctx).Where(open+" AND covered_from > ?", sealID, kitaID, until).Delete(&sealKitaRow{})
	if del.Error != nil {
		return mapError(del.Error)
	}
	upd := db.conn(ctx).Model(&sealKitaRow{}).Where(open, sealID, kitaID).Update("covered_until", until)
	if upd.Error != nil {
		return mapError(upd.Error)
	}
	if del.RowsAffected+upd.RowsAffected == 0 {
		return cert.NotFound("Die Abdeckung der Kita durch das Siegel")
	}
	return nil
}
