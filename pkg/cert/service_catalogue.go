package cert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// PutCatalogue validates a catalogue and stores it under its version: created is true for
// a new version, false when it replaced one. Only roles with catalogue.write everywhere
// may (coordinators, the system). A version against which findings were already recorded
// cannot be replaced (ECONFLICT naming "version"): those findings were scored with it.
// The catalogue's codes, names and texts are trimmed; LoadedAt and LoadedBy are set here.
func (s *Service) PutCatalogue(ctx context.Context, c Catalogue) (Catalogue, bool, error) {
	p, err := principal(ctx)
	if err != nil {
		return Catalogue{}, false, err
	}
	if p.ScopeOf(access.CatalogueWrite) != access.All {
		return Catalogue{}, false, ErrForbidden
	}
	c = c.normalized()
	if err := c.Validate(); err != nil {
		return Catalogue{}, false, err
	}
	c.LoadedAt, c.LoadedBy = s.now(), nil
	if p.UserID != uuid.Nil {
		id := p.UserID
		c.LoadedBy = &id
	}
	created := false
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		// Reading the old version first locks it in the store (see (*store.DB).Catalogue),
		// so that no finding can be recorded against it between the check and the put.
		old, err := readCatalogue(ctx, s.store, c.Version)
		var before map[string]any
		switch {
		case ErrorCode(err) == ENOTFOUND:
			created = true
		case err != nil:
			return err
		default:
			inUse, err := s.store.CatalogueInUse(ctx, c.Version)
			if err != nil {
				return err
			}
			if inUse {
				return Conflict("version", fmt.Sprintf("Gegen den Kriterienkatalog %s wurden bereits Befunde erfasst; er kann nicht mehr ersetzt werden. Bitte unter einer neuen Version laden.", c.Version))
			}
			before = old.auditFields()
		}
		rec, err := c.Record()
		if err != nil {
			return err
		}
		if err := s.store.PutCatalogue(ctx, rec); err != nil {
			return err
		}
		return Audit(ctx, s.store, s.now(), "catalogue.put", "catalogue", c.Version, before, c.auditFields())
	})
	if err != nil {
		return Catalogue{}, false, err
	}
	return c, created, nil
}

// Catalogue returns one catalogue version.
func (s *Service) Catalogue(ctx context.Context, version string) (Catalogue, error) {
	if err := mayRead(ctx, access.CatalogueRead, access.Related{}); err != nil {
		return Catalogue{}, err
	}
	c, err := readCatalogue(ctx, s.store, version)
	if ErrorCode(err) == ENOTFOUND {
		return Catalogue{}, NotFound("Kriterienkatalog")
	}
	return c, err
}

// Catalogues lists every loaded catalogue version, oldest version string first.
func (s *Service) Catalogues(ctx context.Context) ([]Catalogue, error) {
	scope, err := listFilter(ctx, access.CatalogueRead)
	if err != nil {
		return nil, err
	}
	if scope.Nothing {
		return []Catalogue{}, nil
	}
	return readCatalogues(ctx, s.store)
}

// latestCatalogueVersion returns the version new procedures are assessed against by
// default: the newest loaded version by string order ("2020" after "2019"). An official
// catalogue is preferred to an illustrative one, whatever their versions: the sample
// shipped with kitacert ("2020-illustrativ") must not become the default once the real
// catalogue is loaded. It is ECONFLICT (naming catalogue_version) when no catalogue is
// loaded at all.
func (s *Service) latestCatalogueVersion(ctx context.Context) (string, error) {
	all, err := s.store.Catalogues(ctx)
	if err != nil {
		return "", err
	}
	best, found := CatalogueRecord{}, false
	for _, c := range all {
		if !found || newerCatalogue(c, best) {
			best, found = c, true
		}
	}
	if !found {
		return "", Conflict("catalogue_version", "Es ist noch kein Kriterienkatalog geladen.")
	}
	return best.Version, nil
}

// newerCatalogue reports whether a is a better default than b: official before
// illustrative, then the greater version string.
func newerCatalogue(a, b CatalogueRecord) bool {
	if a.Illustrative != b.Illustrative {
		return !a.Illustrative
	}
	return a.Version > b.Version
}

// assessable reports whether findings may be recorded in state st: while the procedure
// is reviewed and around the visit.
func assessable(st State) bool {
	return st == StateInReview || st == StateVisitScheduled || st == StateVisited
}

// Assessment returns a procedure's findings with their score against the procedure's
// catalogue version. A procedure without findings has an empty list and every area at
// zero points.
func (s *Service) Assessment(ctx context.Context, procedureID uuid.UUID) (Assessment, error) {
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
	c, err := readCatalogue(ctx, s.store, p.CatalogueVersion)
	if err != nil {
		return Assessment{}, err
	}
	score, err := c.Score(items)
	if err != nil {
		return Assessment{}, fmt.Errorf("stored findings of procedure %s do not fit catalogue %s: %w", p.ID, c.Version, err)
	}
	return Assessment{ProcedureID: p.ID, CatalogueVersion: c.Version, Items: sortedItems(items), Score: score}, nil
}

// PutAssessment replaces a procedure's findings and returns them with their score. It
// needs procedure.assess on the procedure (assessors) and is allowed only while the
// procedure is in_review, visit_scheduled or visited (else ECONFLICT). Every code must be
// a criterion of the procedure's catalogue version and appear once; criteria without a
// finding count as not met. Codes and notes are trimmed. The checks run in the order of
// docs/access.md: visibility (404), permission (403), the findings (400), the state (409).
func (s *Service) PutAssessment(ctx context.Context, procedureID uuid.UUID, items []AssessmentItem) (Assessment, error) {
	items = normalizedItems(items)
	var out Assessment
	err := s.store.InTx(ctx, func(ctx context.Context) error {
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
		c, err := readCatalogue(ctx, s.store, p.CatalogueVersion)
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

// assessmentScore scores a procedure's recorded findings against its catalogue version;
// the certify step decides with it. It checks no access: the caller has done that.
func (s *Service) assessmentScore(ctx context.Context, p Procedure) (Score, error) {
	items, err := s.store.AssessmentItems(ctx, p.ID)
	if err != nil {
		return Score{}, err
	}
	c, err := readCatalogue(ctx, s.store, p.CatalogueVersion)
	if err != nil {
		return Score{}, err
	}
	return c.Score(items)
}

// checkAndScore validates findings and scores them, reporting every field at fault at once.
func checkAndScore(c Catalogue, items []AssessmentItem) (Score, error) {
	var fields []FieldError
	if err := validateItems(items); err != nil {
		fields = append(fields, err.(*Error).Fields...)
	}
	score, err := c.Score(items)
	if err != nil {
		for _, f := range err.(*Error).Fields {
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

// auditFields summarise a catalogue for the audit trail; the digest tells whether the
// document changed.
func (c Catalogue) auditFields() map[string]any {
	doc, _ := c.MarshalDocument()
	sum := sha256.Sum256(doc)
	return map[string]any{"title": c.Title, "illustrative": c.Illustrative, "areas": len(c.Areas),
		"criteria": c.CriteriaCount(), "groups": len(c.Groups), "document_sha256": hex.EncodeToString(sum[:]),
		"loaded_at": c.LoadedAt.UTC().Format("2006-01-02T15:04:05.999999Z07:00"), "loaded_by": idOrNil(c.LoadedBy)}
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
