package cert

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// Issued keeps what the certification body writes and issues: the report (remarks,
// recommendations, visit findings) and the quality profile and certificate that certify
// and reject produce (docs/evidence.md).
type Issued struct {
	core
	store      IssuedStore
	blobs      Blobs
	catalogues catalogueReader
	render     DocumentRenderer
}

// Limits of the report's texts.
const (
	MaxReportTextLen  = 20000
	MaxFindingTextLen = 8000
)

// readable loads a procedure the caller may read.
func (s *Issued) readable(ctx context.Context, id uuid.UUID) (Procedure, error) {
	p, err := s.store.Procedure(ctx, id)
	if err != nil {
		return Procedure{}, err
	}
	return p, mayRead(ctx, access.ProcedureRead, p.Related)
}

// Report returns the procedure's report (Version 0 when nothing was written).
func (s *Issued) Report(ctx context.Context, procedureID uuid.UUID) (Report, error) {
	p, err := s.readable(ctx, procedureID)
	if err != nil {
		return Report{}, err
	}
	return s.store.Report(ctx, p.ID)
}

// PutReport writes the report (procedure.assess, while the procedure is assessed: in
// review, around the visit). Findings name member Kitas of the center.
func (s *Issued) PutReport(ctx context.Context, procedureID uuid.UUID, m IfMatch, in Report) (Report, error) {
	in.Remarks, in.Recommendations = strings.TrimSpace(in.Remarks), strings.TrimSpace(in.Recommendations)
	var v Validation
	for _, f := range []struct{ field, text string }{{"remarks", in.Remarks}, {"recommendations", in.Recommendations}} {
		checkControl(&v, f.field, f.text, true)
		v.Check(len([]rune(f.text)) <= MaxReportTextLen, f.field, tooLong(MaxReportTextLen))
	}
	if err := v.Err(); err != nil {
		return Report{}, err
	}
	var out Report
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
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
		c, err := s.store.Center(ctx, p.CenterID)
		if err != nil {
			return err
		}
		if err := checkFindings(&in, c); err != nil {
			return err
		}
		if !assessable(p.State) {
			return Errorf(ECONFLICT, "Der Bericht wird in den Ständen „%s“, „%s“ und „%s“ geschrieben; das Verfahren ist im Stand „%s“.",
				StateInReview.Label(), StateVisitScheduled.Label(), StateVisited.Label(), p.State.Label())
		}
		cur, err := s.store.Report(ctx, p.ID)
		if err != nil {
			return err
		}
		if err := m.check(cur.Version, true); err != nil {
			return err
		}
		in.ProcedureID, in.Version, in.UpdatedAt = p.ID, cur.Version+1, s.now()
		if err := s.store.PutReport(ctx, in); err != nil {
			return err
		}
		out = in
		return s.audit(ctx, "report.put", "procedure", p.ID, reportAudit(cur), reportAudit(in))
	})
	return out, err
}

// checkFindings trims the findings, drops empty ones and checks that each names an
// active member of the center, once.
func checkFindings(in *Report, c Center) error {
	var v Validation
	member := map[uuid.UUID]bool{}
	for _, m := range c.Members {
		member[m.KitaID] = true
	}
	seen := map[uuid.UUID]bool{}
	var kept []VisitFinding
	for i, f := range in.Findings {
		f.Text = strings.TrimSpace(f.Text)
		field := fmt.Sprintf("visit_findings[%d]", i)
		v.Check(member[f.KitaID], field+".kita_id", "Keine Einrichtung dieses Familienzentrums.")
		v.Check(!seen[f.KitaID], field+".kita_id", "Je Einrichtung ein Befund.")
		checkControl(&v, field+".text", f.Text, true)
		v.Check(len([]rune(f.Text)) <= MaxFindingTextLen, field+".text", tooLong(MaxFindingTextLen))
		seen[f.KitaID] = true
		if f.Text != "" {
			kept = append(kept, f)
		}
	}
	in.Findings = kept
	return v.Err()
}

// reportAudit records the report's lengths, not its text.
func reportAudit(r Report) map[string]any {
	if r.Version == 0 {
		return nil
	}
	return map[string]any{"remarks_length": len([]rune(r.Remarks)), "recommendations_length": len([]rune(r.Recommendations)),
		"visit_findings": len(r.Findings), "version": r.Version}
}

// List returns the documents issued for a procedure, oldest first.
func (s *Issued) List(ctx context.Context, procedureID uuid.UUID) ([]IssuedDocument, error) {
	p, err := s.readable(ctx, procedureID)
	if err != nil {
		return nil, err
	}
	return s.store.IssuedDocuments(ctx, p.ID)
}

// Open returns an issued document with a reader of its content and the certification
// number of its procedure (for the file name); whoever may read the procedure may read it.
func (s *Issued) Open(ctx context.Context, id uuid.UUID) (IssuedDocument, string, io.ReadCloser, error) {
	d, err := s.store.IssuedDocument(ctx, id)
	if err != nil {
		return IssuedDocument{}, "", nil, err
	}
	p, err := s.readable(ctx, d.ProcedureID)
	if err != nil {
		return IssuedDocument{}, "", nil, err
	}
	r, err := s.blobs.Open(ctx, d.BlobKey)
	if err != nil {
		return IssuedDocument{}, "", nil, fmt.Errorf("open the blob of issued document %s: %w", d.ID, err)
	}
	return d, p.CertificationNumber, r, nil
}

// Reissue issues a new version of the quality profile of a decided procedure
// (procedure.assess), after its report was corrected; the earlier versions stay.
func (s *Issued) Reissue(ctx context.Context, procedureID uuid.UUID) (IssuedDocument, error) {
	var out IssuedDocument
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
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
		if p.State != StateCertified && p.State != StateNotCertified {
			return Errorf(ECONFLICT, "Ein Qualitätsprofil gibt es erst nach der Entscheidung; das Verfahren ist im Stand „%s“.", p.State.Label())
		}
		docs, err := s.issue(ctx, p, false)
		if err != nil {
			return err
		}
		out = docs[0]
		return nil
	})
	return out, err
}

// issued implements the decision's part of a step: certify issues the quality profile
// and the certificate, reject the quality profile; both in the step's transaction.
func (s *Issued) decided(ctx context.Context, p Procedure, a Action) error {
	switch a {
	case ActCertify:
		_, err := s.issue(ctx, p, true)
		return err
	case ActReject:
		_, err := s.issue(ctx, p, false)
		return err
	}
	return nil
}

// issue renders and stores the next version of the quality profile and, with
// certificate, the certificate. The blobs are written first; should the transaction roll
// back, the orphan sweep removes them.
func (s *Issued) issue(ctx context.Context, p Procedure, certificate bool) ([]IssuedDocument, error) {
	d, err := s.profileData(ctx, p)
	if err != nil {
		return nil, err
	}
	prev, err := s.store.IssuedDocuments(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	next := map[IssuedKind]int{IssuedProfile: 1, IssuedCertificate: 1}
	for _, x := range prev {
		if x.Version >= next[x.Kind] {
			next[x.Kind] = x.Version + 1
		}
	}
	d.Version = next[IssuedProfile]
	kinds := []IssuedKind{IssuedProfile}
	if certificate {
		kinds = append(kinds, IssuedCertificate)
	}
	pr, _ := principal(ctx)
	var out []IssuedDocument
	for _, k := range kinds {
		render := s.render.Profile
		if k == IssuedCertificate {
			render = s.render.Certificate
		}
		pdf, err := render(d)
		if err != nil {
			return nil, fmt.Errorf("render the %s of procedure %s: %w", k, p.ID, err)
		}
		doc := IssuedDocument{ID: NewID(), ProcedureID: p.ID, Kind: k, Version: next[k], MediaType: "application/pdf",
			CreatedAt: d.IssuedAt, CreatedBy: userID(pr.UserID)}
		doc.BlobKey = IssuedBlobPrefix + p.ID.String() + "/" + doc.ID.String() + ".pdf"
		if doc.Size, doc.SHA256, err = s.blobs.Put(ctx, doc.BlobKey, bytes.NewReader(pdf), doc.MediaType, int64(len(pdf))); err != nil {
			return nil, fmt.Errorf("store the %s of procedure %s: %w", k, p.ID, err)
		}
		if err := s.store.InsertIssuedDocument(ctx, doc); err != nil {
			return nil, err
		}
		if err := s.audit(ctx, "document.issue", "procedure", p.ID, nil,
			map[string]any{"kind": string(k), "version": doc.Version, "sha256": doc.SHA256, "size": doc.Size}); err != nil {
			return nil, err
		}
		out = append(out, doc)
	}
	return out, nil
}

// profileData gathers what the documents show.
func (s *Issued) profileData(ctx context.Context, p Procedure) (ProfileData, error) {
	c, err := s.store.Center(ctx, p.CenterID)
	if err != nil {
		return ProfileData{}, err
	}
	d := ProfileData{Procedure: p, Center: c, Variant: VariantOf(c.Kind, p.Kind), IssuedAt: s.now(), IssuedOn: s.Today()}
	for _, m := range c.Members {
		k, err := s.store.Kita(ctx, m.KitaID)
		if err != nil {
			return ProfileData{}, err
		}
		d.Kitas = append(d.Kitas, k)
	}
	if d.Catalogue, err = s.catalogues.catalogue(ctx, p.CatalogueVersion); err != nil {
		return ProfileData{}, err
	}
	items, err := s.store.AssessmentItems(ctx, p.ID)
	if err != nil {
		return ProfileData{}, err
	}
	score, err := d.Catalogue.Score(items)
	if err != nil {
		return ProfileData{}, err
	}
	d.Assessment = Assessment{ProcedureID: p.ID, CatalogueVersion: d.Catalogue.Version, Items: sortedItems(items), Score: score}
	if d.Report, err = s.store.Report(ctx, p.ID); err != nil {
		return ProfileData{}, err
	}
	if p.SealID != nil {
		seal, err := s.store.Seal(ctx, *p.SealID)
		if err != nil {
			return ProfileData{}, err
		}
		d.Seal = &seal
	}
	return d, nil
}

// Profile returns what the quality profile and the certificate of a decided procedure
// show, for their pages; Version is the newest issued profile's.
func (s *Issued) Profile(ctx context.Context, procedureID uuid.UUID) (ProfileData, error) {
	p, err := s.readable(ctx, procedureID)
	if err != nil {
		return ProfileData{}, err
	}
	if p.State != StateCertified && p.State != StateNotCertified {
		return ProfileData{}, Errorf(ECONFLICT, "Ein Qualitätsprofil gibt es erst nach der Entscheidung; das Verfahren ist im Stand „%s“.", p.State.Label())
	}
	d, err := s.profileData(ctx, p)
	if err != nil {
		return ProfileData{}, err
	}
	docs, err := s.store.IssuedDocuments(ctx, p.ID)
	if err != nil {
		return ProfileData{}, err
	}
	for _, x := range docs {
		if x.Kind == IssuedProfile && x.Version >= d.Version {
			d.Version, d.IssuedAt, d.IssuedOn = x.Version, x.CreatedAt, DateOf(x.CreatedAt.In(s.loc))
		}
	}
	return d, nil
}
