package cert

import (
	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// StatusFacts are the plain facts behind one status answer, as one statement reads them.
type StatusFacts struct {
	// Kita is set for a Kita's status: the Kita asked about, for the visibility check.
	Kita *StatusKita
	// Center is the center asked about, or the Kita's center (nil: the Kita is in none),
	// with its active members.
	Center *Center
	// Latest is the center's seal with the latest valid_until (nil: none); Predecessor is
	// the seal it succeeds (nil: none). Both carry Related, from their coverage.
	Latest      *Seal
	Predecessor *Seal
	// Open is the center's open procedure (nil: none), with Related.
	Open *Procedure
	// OpenMissing is what the last request for evidence of Open asked for, as the event
	// recorded it ("missing"); empty without such an event.
	OpenMissing string
}

// StatusKita is the part of a Kita that decides who may see its status.
type StatusKita struct {
	ID            uuid.UUID
	YouthOfficeID uuid.UUID
}

// noCenterStep is the next step of a Kita that belongs to no center.
const noCenterStep = "Die Kita gehört zu keinem Familienzentrum. " +
	"Ob sie Familienzentrum werden kann, entscheidet das Jugendamt im Rahmen seines Kontingents."

// statusFrom turns the facts into the answer for pr on asOf. A Kita or center outside
// pr's scope is ErrNotFound, as for every read; seals and procedures pr may not read
// are left out.
func statusFrom(pr access.Principal, asOf Date, offset int, f StatusFacts) (StatusReport, error) {
	if k := f.Kita; k != nil {
		if !pr.Can(access.KitaRead, access.Related{YouthOfficeIDs: []uuid.UUID{k.YouthOfficeID}, KitaIDs: []uuid.UUID{k.ID}}) {
			return StatusReport{}, ErrNotFound
		}
		if f.Center == nil {
			return StatusReport{AsOf: asOf, NextStep: noCenterStep}, nil
		}
	} else if f.Center == nil || !pr.Can(access.CenterRead, centerRelated(*f.Center)) {
		return StatusReport{}, ErrNotFound
	}
	r := StatusReport{AsOf: asOf, Center: f.Center}
	statusSeals(pr, offset, f, &r)
	if p := f.Open; p != nil && pr.Can(access.ProcedureRead, p.Related) {
		r.Open = p
		r.OpenAllowed = AllowedActions(pr, *p)
		if p.State == StateEvidenceRequested && f.OpenMissing != "" {
			r.OpenMissing = MissingItems(f.OpenMissing)
		}
	}
	r.NextStep = nextStep(r)
	return r, nil
}

// statusSeals fills the seal part of r: the seal in force (or the latest one that ended)
// and the coming one. A re-certification decided in spring gives a successor from
// 1 August while the old seal is still in force until 31 July: both are shown. Seals pr
// may not read are left out.
func statusSeals(pr access.Principal, offset int, f StatusFacts, r *StatusReport) {
	if f.Latest == nil {
		return
	}
	cur := f.Latest
	if f.Latest.Status(r.AsOf, offset) == SealPending {
		r.Next, r.NextState, cur = f.Latest, f.Latest.StateOn(r.AsOf, offset), nil
		if f.Latest.PredecessorID != nil && f.Predecessor != nil && f.Predecessor.ID == *f.Latest.PredecessorID {
			cur = f.Predecessor
		}
	}
	if r.Next != nil && !pr.Can(access.SealRead, r.Next.Related) {
		r.Next = nil
	}
	if cur != nil && pr.Can(access.SealRead, cur.Related) {
		r.Seal = cur
		r.SealStatus = cur.Status(r.AsOf, offset)
		r.DaysRemaining = cur.DaysRemaining(r.AsOf)
	}
	newest := r.Next
	if newest == nil && r.Seal != nil {
		switch r.SealStatus {
		case SealActive, SealRenewalDue:
			newest = r.Seal
		}
	}
	if newest != nil {
		y := KindergartenYearOf(newest.ValidUntil)
		r.RecertYear = &y
		r.WindowOpens = RenewalWindowOpens(newest.ValidUntil, offset)
	}
}
