package cert

import (
	"context"
	"fmt"
	"sort"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// AssessmentsStore is what Assessments needs from persistence: the procedure the
// findings belong to and the findings.
type AssessmentsStore interface {
	LockProcedure(ctx context.Context, id uuid.UUID) error
	Procedure(ctx context.Context, id uuid.UUID) (Procedure, error)
	// AssessmentItems returns a procedure's findings, ordered by code.
	AssessmentItems(ctx context.Context, procedureID uuid.UUID) ([]AssessmentItem, error)
	// PutAssessmentItems replaces a procedure's findings.
	PutAssessmentItems(ctx context.Context, procedureID uuid.UUID, items []AssessmentItem) error
}

// catalogueReader reads a catalogue version without checking access (Catalogues).
type catalogueReader interface {
	catalogue(ctx context.Context, version string) (Catalogue, error)
}

// Assessments keeps the findings of procedures against their catalogue version.
type Assessments struct {
	core
	store      AssessmentsStore
	catalogues catalogueReader
}

func newAssessments(c core, store AssessmentsStore, catalogues catalogueReader) *Assessments {
	return &Assessments{core: c, store: store, catalogues: catalogues}
}

// assessable reports whether findings may be recorded in state st: while the procedure
// is reviewed and around the visit.
func assessable(st State) bool {
	return st == StateInReview || st == StateVisitScheduled || st == StateVisited
}

// Get returns a procedure's findings with their score against the procedure's
// catalogue version. A procedure without findings has an empty list and every area at
// zero points.
func (s *Assessments) Get(ctx context.Context, procedureID uuid.UUID) (Assessment, error) {
	p, err := s.store.Procedure(ctx, procedureID)
	if err != nil {
		return Assessment{}, err
	}
	if err := mayRead(ctx, access.ProcedureRead, p.Related); err != nil {
		return Assessment{}, err
	}
	items, err := s.store.AssessmentItems(ctx, p.ID)
	if err != nil {
		return Assessment{}, err
	}
	c, err := s.catalogues.catalogue(ctx, p.CatalogueVersion)
	if err != nil {
		return Assessment{}, err
	}
	score, err := c.Score(items)
	if err != nil {
		return Assessment{}, fmt.Errorf("stored findings of procedure %s do not fit catalogue %s: %w", p.ID, c.Version, err)
	}
	return Assessment{ProcedureID: p.ID, CatalogueVersion: c.Version, Items: sortedItems(items), Score: score}, nil
}

// Put replaces a procedure's findings and returns them with their score. It
// needs procedure.assess on the procedure (assessors) and is allowed only while the
// procedure is in_review, visit_scheduled or visited (else ECONFLICT). Every code must be
// a criterion of the procedure's catalogue version and appear once; criteria without a
// finding count as not met. Codes and notes are trimmed. The checks run in the order of
// docs/access.md: visibility (404), permission (403), the findings (400), the state (409).
func (s *Assessments) Put(ctx context.Context, procedureID uuid.UUID, items []AssessmentItem) (Assessment, error) {
	items = normalizedItems(items)
	var out Assessment
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		// Lock the procedure like a step does, so findings cannot change under a certify.
		if err := s.store.LockProcedure(ctx, procedureID); err != nil {
			return err
		}
		p, err := s.store.Procedure(ctx, procedureID)
		if err != nil {
			return err
		}
		if err := mayWrite(ctx, access.ProcedureRead, access.ProcedureAssess, p.Related); err != nil {
			return err
		}
		// In a transaction this locks the catalogue row against a concurrent replacement.
		c, err := s.catalogues.catalogue(ctx, p.CatalogueVersion)
		if err != nil {
			return err
		}
		score, err := checkAndScore(c, items)
		if err != nil {
			return err
		}
		if !assessable(p.State) {
			return Errorf(ECONFLICT, "Befunde können nur in den Ständen „%s“, „%s“ und „%s“ erfasst werden; das Verfahren ist im Stand „%s“.",
				StateInReview.Label(), StateVisitScheduled.Label(), StateVisited.Label(), p.State.Label())
		}
		prev, err := s.store.AssessmentItems(ctx, p.ID)
		if err != nil {
			return err
		}
		prevScore, _ := c.Score(prev)
		if err := s.store.PutAssessmentItems(ctx, p.ID, items); err != nil {
			return err
		}
		out = Assessment{ProcedureID: p.ID, CatalogueVersion: c.Version, Items: sortedItems(items), Score: score}
		return s.audit(ctx, "assessment.put", "procedure", p.ID, assessmentAuditFields(prev, prevScore), assessmentAuditFields(items, score))
	})
	if err != nil {
		return Assessment{}, err
	}
	return out, nil
}

// score scores a procedure's recorded findings against its catalogue version;
// the certify step decides with it. It checks no access: the caller has done that.
func (s *Assessments) score(ctx context.Context, p Procedure) (Score, error) {
	items, err := s.store.AssessmentItems(ctx, p.ID)
	if err != nil {
		return Score{}, err
	}
	c, err := s.catalogues.catalogue(ctx, p.CatalogueVersion)
	if err != nil {
		return Score{}, err
	}
	return c.Score(items)
}

// checkAndScore validates findings and scores them, reporting every field at fault at once.
func checkAndScore(c Catalogue, items []AssessmentItem) (Score, error) {
	var fields []FieldError
	if err := validateItems(items); err != nil {
		if len(FieldsOf(err)) == 0 {
			return Score{}, err
		}
		fields = append(fields, FieldsOf(err)...)
	}
	score, err := c.Score(items)
	if err != nil {
		if len(FieldsOf(err)) == 0 {
			return Score{}, err
		}
		for _, f := range FieldsOf(err) {
			if !containsField(fields, f.Field) {
				fields = append(fields, f)
			}
		}
	}
	if len(fields) > 0 {
		return Score{}, &Error{Code: EINVALID, Message: "Die Befunde sind unvollständig oder fehlerhaft.", Fields: fields}
	}
	return score, nil
}

func containsField(fields []FieldError, name string) bool {
	for _, f := range fields {
		if f.Field == name {
			return true
		}
	}
	return false
}

// sortedItems returns the findings ordered by code (byte order), as the store lists them.
func sortedItems(items []AssessmentItem) []AssessmentItem {
	out := make([]AssessmentItem, len(items))
	copy(out, items)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// assessmentAuditFields record each finding (met or not; notes only masked, as they may
// name people) and the overall result.
func assessmentAuditFields(items []AssessmentItem, score Score) map[string]any {
	m := map[string]any{"passed": score.Passed}
	for _, it := range items {
		m["criteria."+it.Code] = it.Met
		if it.Note != "" {
			m["criteria."+it.Code+".note"] = mask(it.Note)
		}
	}
	return m
}
