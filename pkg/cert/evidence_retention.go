package cert

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// RetentionStore is what the deletion of expired evidence needs from persistence.
type RetentionStore interface {
	// EndedWithEvidence lists the procedures that are no longer open and still hold
	// answers or documents.
	EndedWithEvidence(ctx context.Context) ([]uuid.UUID, error)
	// DeleteEvidence deletes a procedure's answers and documents and returns the documents.
	DeleteEvidence(ctx context.Context, procedureID uuid.UUID) (docs []Document, answers int, err error)
	// UnreferencedBlobs returns those of keys that no document or issued document names.
	UnreferencedBlobs(ctx context.Context, keys []string) ([]string, error)
	Seal(ctx context.Context, id uuid.UUID) (Seal, error)
}

// BlobWalker lists the blobs under a prefix (for the orphan sweep).
type BlobWalker interface {
	Walk(ctx context.Context, prefix string, fn func(key string, modTime time.Time) error) error
}

// PurgeReport is what a run of the retention rule deleted (or, in a dry run, would delete).
type PurgeReport struct {
	Procedures int // procedures whose evidence expired
	Documents  int // document rows (every revision)
	Answers    int
	Orphans    int // blobs without a row, older than the grace period
}

// OrphanGrace is how old a blob without a row must be before the orphan sweep removes it:
// an upload stores its blob before its row commits.
const OrphanGrace = 24 * time.Hour

// EvidenceEnd is the day from which a procedure's evidence is kept for the retention
// period: the end of its seal's validity (the revocation, if revoked earlier), or, for a
// procedure that ended without a seal, the day it ended. ok is false while it is open.
func (s *Evidence) EvidenceEnd(ctx context.Context, p Procedure) (end Date, ok bool, err error) {
	if p.State.Open() {
		return Date{}, false, nil
	}
	if p.State == StateCertified && p.SealID != nil {
		seal, err := s.retention.Seal(ctx, *p.SealID)
		if err != nil {
			return Date{}, false, err
		}
		end = seal.ValidUntil
		if !seal.RevokedOn.IsZero() && seal.RevokedOn.Before(end) {
			end = seal.RevokedOn
		}
		return end, true, nil
	}
	if !p.DecidedOn.IsZero() {
		return p.DecidedOn, true, nil
	}
	return DateOf(p.UpdatedAt.In(s.loc)), true, nil
}

// Purge deletes the evidence (answers, documents and their blobs) of every procedure whose
// retention period (s.cfg.RetentionMonths after EvidenceEnd) has passed by asOf, and the
// blobs that no row names and that are older than OrphanGrace. Issued documents (quality
// profile, certificate) and the report stay. Each deletion is audited; a dry run only
// counts. A failure on one procedure does not stop the others: it is returned at the end.
func (s *Evidence) Purge(ctx context.Context, asOf Date, dryRun bool) (PurgeReport, error) {
	var r PurgeReport
	ids, err := s.retention.EndedWithEvidence(ctx)
	if err != nil {
		return r, err
	}
	var problems []string
	for _, id := range ids {
		if err := s.purgeOne(ctx, id, asOf, dryRun, &r); err != nil {
			problems = append(problems, fmt.Sprintf("procedure %s: %v", id, err))
		}
	}
	if !dryRun {
		if err := s.sweepOrphans(ctx, &r); err != nil {
			problems = append(problems, "orphaned blobs: "+err.Error())
		}
	}
	if len(problems) > 0 {
		return r, fmt.Errorf("delete expired evidence: %s", strings.Join(problems, "; "))
	}
	return r, nil
}

// purgeOne deletes one procedure's evidence when its period has passed.
func (s *Evidence) purgeOne(ctx context.Context, id uuid.UUID, asOf Date, dryRun bool, r *PurgeReport) error {
	p, err := s.store.Procedure(ctx, id)
	if err != nil {
		return err
	}
	end, ok, err := s.EvidenceEnd(ctx, p)
	if err != nil || !ok {
		return err
	}
	if !asOf.After(end.AddDate(0, s.cfg.RetentionMonths, 0)) {
		return nil
	}
	r.Procedures++
	if dryRun {
		docs, err := s.store.Documents(ctx, id)
		if err != nil {
			return err
		}
		answers, err := s.store.Answers(ctx, id)
		r.Documents, r.Answers = r.Documents+len(docs), r.Answers+len(answers)
		return err
	}
	var gone []Document
	err = s.tx.InTx(ctx, func(ctx context.Context) error {
		docs, answers, err := s.retention.DeleteEvidence(ctx, id)
		if err != nil {
			return err
		}
		gone = docs
		r.Documents, r.Answers = r.Documents+len(docs), r.Answers+answers
		return s.audit(ctx, "evidence.purge", "procedure", id, nil, map[string]any{"documents": len(docs), "answers": answers,
			"kept_from": end.String(), "retention_months": s.cfg.RetentionMonths})
	})
	if err != nil {
		return err
	}
	return s.deleteBlobs(ctx, gone)
}

// sweepOrphans removes blobs that no row names, older than OrphanGrace: what a crash
// between blob and row, or a failed blob delete, left behind.
func (s *Evidence) sweepOrphans(ctx context.Context, r *PurgeReport) error {
	cutoff := s.clock.Now().Add(-OrphanGrace)
	var old []string
	for _, prefix := range []string{EvidenceBlobPrefix, IssuedBlobPrefix} {
		err := s.blobs.Walk(ctx, prefix, func(key string, mod time.Time) error {
			if mod.Before(cutoff) {
				old = append(old, key)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	// One query per batch of keys, not one per blob.
	const batch = 500
	for len(old) > 0 {
		n := min(batch, len(old))
		orphans, err := s.retention.UnreferencedBlobs(ctx, old[:n])
		if err != nil {
			return err
		}
		old = old[n:]
		for _, key := range orphans {
			if err := s.blobs.Delete(ctx, key); err != nil {
				return err
			}
			r.Orphans++
			if err := s.audit(ctx, "blob.orphan_deleted", "blob", uuid.Nil, nil, map[string]any{"key": key}); err != nil {
				return err
			}
		}
	}
	return nil
}
