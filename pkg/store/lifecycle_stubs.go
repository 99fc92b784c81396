package store

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

var errNotYet = errors.New("store: not implemented yet")

// PutCatalogue implements cert.CatalogueStore.
func (db *DB) PutCatalogue(ctx context.Context, c cert.Catalogue) error { return errNotYet }

// Catalogue implements cert.CatalogueStore.
func (db *DB) Catalogue(ctx context.Context, version string) (cert.Catalogue, error) {
	return cert.Catalogue{}, errNotYet
}

// Catalogues implements cert.CatalogueStore.
func (db *DB) Catalogues(ctx context.Context) ([]cert.Catalogue, error) { return nil, errNotYet }

// AssessmentItems implements cert.CatalogueStore.
func (db *DB) AssessmentItems(ctx context.Context, procedureID uuid.UUID) ([]cert.AssessmentItem, error) {
	return nil, errNotYet
}

// PutAssessmentItems implements cert.CatalogueStore.
func (db *DB) PutAssessmentItems(ctx context.Context, procedureID uuid.UUID, items []cert.AssessmentItem) error {
	return errNotYet
}

// CatalogueInUse implements cert.CatalogueStore.
func (db *DB) CatalogueInUse(ctx context.Context, version string) (bool, error) {
	return false, errNotYet
}

// CreateSeal implements cert.SealStore.
func (db *DB) CreateSeal(ctx context.Context, s *cert.Seal) error { return errNotYet }

// Seal implements cert.SealStore.
func (db *DB) Seal(ctx context.Context, id uuid.UUID) (cert.Seal, error) {
	return cert.Seal{}, errNotYet
}

// Seals implements cert.SealStore.
func (db *DB) Seals(ctx context.Context, f cert.SealFilter) (cert.List[cert.Seal], error) {
	return cert.List[cert.Seal]{}, errNotYet
}

// LatestSeal implements cert.SealStore.
func (db *DB) LatestSeal(ctx context.Context, centerID uuid.UUID) (cert.Seal, error) {
	return cert.Seal{}, errNotYet
}

// UpdateSeal implements cert.SealStore.
func (db *DB) UpdateSeal(ctx context.Context, s *cert.Seal) error { return errNotYet }

// AddExtension implements cert.SealStore.
func (db *DB) AddExtension(ctx context.Context, e *cert.SealExtension) error { return errNotYet }

// AddCoverage implements cert.SealStore.
func (db *DB) AddCoverage(ctx context.Context, sealID uuid.UUID, c cert.SealCoverage) error {
	return errNotYet
}

// EndCoverage implements cert.SealStore.
func (db *DB) EndCoverage(ctx context.Context, sealID, kitaID uuid.UUID, until cert.Date) error {
	return errNotYet
}

// CreateContingent implements cert.ContingentStore.
func (db *DB) CreateContingent(ctx context.Context, c *cert.Contingent) error { return errNotYet }

// Contingent implements cert.ContingentStore.
func (db *DB) Contingent(ctx context.Context, id uuid.UUID) (cert.Contingent, error) {
	return cert.Contingent{}, errNotYet
}

// ContingentFor implements cert.ContingentStore.
func (db *DB) ContingentFor(ctx context.Context, youthOfficeID uuid.UUID, year cert.KindergartenYear) (cert.Contingent, error) {
	return cert.Contingent{}, errNotYet
}

// Contingents implements cert.ContingentStore.
func (db *DB) Contingents(ctx context.Context, f cert.ContingentFilter) (cert.List[cert.Contingent], error) {
	return cert.List[cert.Contingent]{}, errNotYet
}

// UpdateContingent implements cert.ContingentStore.
func (db *DB) UpdateContingent(ctx context.Context, c *cert.Contingent) error { return errNotYet }

// CreateProcedure implements cert.ProcedureStore.
func (db *DB) CreateProcedure(ctx context.Context, p *cert.Procedure) error { return errNotYet }

// Procedure implements cert.ProcedureStore.
func (db *DB) Procedure(ctx context.Context, id uuid.UUID) (cert.Procedure, error) {
	return cert.Procedure{}, errNotYet
}

// Procedures implements cert.ProcedureStore.
func (db *DB) Procedures(ctx context.Context, f cert.ProcedureFilter) (cert.List[cert.Procedure], error) {
	return cert.List[cert.Procedure]{}, errNotYet
}

// OpenProcedure implements cert.ProcedureStore.
func (db *DB) OpenProcedure(ctx context.Context, centerID uuid.UUID) (cert.Procedure, error) {
	return cert.Procedure{}, errNotYet
}

// UpdateProcedure implements cert.ProcedureStore.
func (db *DB) UpdateProcedure(ctx context.Context, p *cert.Procedure) error { return errNotYet }

// AppendEvent implements cert.ProcedureStore.
func (db *DB) AppendEvent(ctx context.Context, e *cert.Event) error { return errNotYet }

// Events implements cert.ProcedureStore.
func (db *DB) Events(ctx context.Context, procedureID uuid.UUID) ([]cert.Event, error) {
	return nil, errNotYet
}

// CertificationNumber implements cert.ProcedureStore.
func (db *DB) CertificationNumber(ctx context.Context, centerID uuid.UUID) (string, error) {
	return "", errNotYet
}

// ClaimCertificationNumber implements cert.ProcedureStore.
func (db *DB) ClaimCertificationNumber(ctx context.Context, centerID uuid.UUID, number string, at time.Time) error {
	return errNotYet
}

// CountCertificationNumbers implements cert.ProcedureStore.
func (db *DB) CountCertificationNumbers(ctx context.Context) (int64, error) { return 0, errNotYet }
