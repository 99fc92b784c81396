package cert

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// StatusReport answers "where do we stand?" for a center (or a Kita) in one call.
type StatusReport struct {
	AsOf          Date
	Center        *Center // nil: the Kita is in no center
	Seal          *Seal   // the seal in force, else the latest one that ended (nil: none)
	SealStatus    SealStatus
	DaysRemaining int
	Next          *Seal // the coming seal, awarded but not yet begun (nil: none)
	NextState     SealState
	Open          *Procedure
	OpenAllowed   []Action
	OpenMissing   []string          // evidence_requested: what the certification body asked for
	RecertYear    *KindergartenYear // the kindergarten year that ends on the newest seal's valid_until; nil once it ended
	WindowOpens   Date              // when that re-certification window opens
	NextStep      string            // German sentences: what to do next, by when
}

// CenterStatus reports on a center the caller may see.
func (s *Service) CenterStatus(ctx context.Context, centerID uuid.UUID) (StatusReport, error) {
	c, err := s.Center(ctx, centerID)
	if err != nil {
		return StatusReport{}, err
	}
	return s.statusOf(ctx, &c)
}

// KitaStatus reports on the center of a Kita the caller may see.
func (s *Service) KitaStatus(ctx context.Context, kitaID uuid.UUID) (StatusReport, error) {
	if _, err := s.Kita(ctx, kitaID); err != nil {
		return StatusReport{}, err
	}
	m, err := s.store.ActiveMembership(ctx, kitaID)
	switch ErrorCode(err) {
	case ENOTFOUND:
		return StatusReport{AsOf: s.Today(), NextStep: "Die Kita gehört zu keinem Familienzentrum. " +
			"Ob sie Familienzentrum werden kann, entscheidet das Jugendamt im Rahmen seines Kontingents."}, nil
	case "":
	default:
		return StatusReport{}, err
	}
	c, err := s.store.Center(ctx, m.CenterID)
	if err != nil {
		return StatusReport{}, err
	}
	return s.statusOf(ctx, &c)
}

func (s *Service) statusOf(ctx context.Context, c *Center) (StatusReport, error) {
	r := StatusReport{AsOf: s.Today(), Center: c}
	if err := s.statusSeals(ctx, &r); err != nil {
		return r, err
	}
	open, err := s.store.OpenProcedure(ctx, c.ID)
	switch ErrorCode(err) {
	case "":
		if pr, _ := access.From(ctx); pr.Can(access.ProcedureRead, open.Related) {
			r.Open = &open
			r.OpenAllowed = AllowedActions(pr, open)
			if open.State == StateEvidenceRequested {
				ev, err := s.store.Events(ctx, open.ID)
				if err != nil {
					return r, err
				}
				r.OpenMissing = lastMissing(ev)
			}
		}
	case ENOTFOUND:
	default:
		return r, err
	}
	r.NextStep = nextStep(r)
	return r, nil
}

// statusSeals fills the seal part of r: the seal in force (or the latest one that ended)
// and the coming one. A re-certification decided in spring gives a successor from
// 1 August while the old seal is still in force until 31 July: both are shown. Seals the
// caller may not read are left out.
func (s *Service) statusSeals(ctx context.Context, r *StatusReport) error {
	latest, err := s.store.LatestSeal(ctx, r.Center.ID)
	switch ErrorCode(err) {
	case "":
	case ENOTFOUND:
		return nil
	default:
		return err
	}
	offset := s.cfg.RenewalWindowOffsetMonths
	cur := &latest
	if latest.Status(r.AsOf, offset) == SealPending {
		next := latest
		r.Next, r.NextState, cur = &next, next.StateOn(r.AsOf, offset), nil
		if latest.PredecessorID != nil {
			pred, err := s.store.Seal(ctx, *latest.PredecessorID)
			if err != nil {
				return err
			}
			cur = &pred
		}
	}
	pr, _ := access.From(ctx)
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
	return nil
}

// nextStep says in German what the center should do next, and by when: first what is
// wrong with the seal (expired, revoked, under review), then the open procedure's next
// step, else what the seals say.
func nextStep(r StatusReport) string {
	var parts []string
	if w := sealWarning(r); w != "" {
		parts = append(parts, w)
	}
	if p := r.Open; p != nil {
		parts = append(parts, procedureStep(*p))
	} else if st := sealStep(r); st != "" {
		parts = append(parts, st)
	}
	return strings.Join(parts, " ")
}

// sealWarning is the sentence for a seal that expired, was revoked or is under review.
func sealWarning(r StatusReport) string {
	if r.Seal == nil {
		return ""
	}
	switch r.SealStatus {
	case SealExpired:
		return "Ihr Gütesiegel ist am " + r.Seal.ValidUntil.German() + " abgelaufen (vor " + itoa(-r.DaysRemaining) +
			" Tagen); ohne gültiges Gütesiegel entfällt die Förderung als Familienzentrum."
	case SealRevoked:
		return "Ihr Gütesiegel wurde zum " + r.Seal.RevokedOn.German() + " widerrufen und darf nicht mehr geführt werden."
	}
	if r.Seal.ReviewRequired {
		return "Dem Verbund gehört nicht mehr als die Hälfte der Kitas an, denen das Gütesiegel verliehen wurde; " +
			"die Zertifizierungsstelle prüft, ob es weiter gilt."
	}
	return ""
}

// procedureStep is the next step of an open procedure.
func procedureStep(p Procedure) string {
	switch p.State {
	case StateNominated:
		return "Ihr Familienzentrum ist für das Kindergartenjahr " + p.Year.String() +
			" nominiert. Die Zertifizierungsstelle lädt Sie zur Registrierung ein und nennt die Fristen."
	case StateRegistered:
		return "Bitte reichen Sie Fragebogen und Belege bis zum " + p.EvidenceDueOn.German() + " ein."
	case StateEvidenceRequested:
		return "Bitte reichen Sie die nachgeforderten Belege bis zum " + p.EvidenceDueOn.German() + " nach."
	case StateEvidenceSubmitted:
		return "Ihre Unterlagen sind eingereicht. Die Zertifizierungsstelle prüft sie als Nächstes."
	case StateInReview:
		return "Die Zertifizierungsstelle prüft Ihre Unterlagen und meldet sich, um die Begehung zu vereinbaren."
	case StateVisitScheduled:
		return "Die Begehung ist für den " + p.VisitOn.German() + " geplant. Bitte planen Sie drei bis vier Stunden für Rundgang und Gespräch ein."
	case StateVisited:
		return "Die Begehung hat stattgefunden. Die Entscheidung der Zertifizierungsstelle erhalten Sie schriftlich."
	}
	return ""
}

// sealStep says what the seals mean for the center when no procedure is open.
func sealStep(r StatusReport) string {
	next := ""
	if n := r.Next; n != nil {
		next = "Das Gütesiegel gilt vom " + n.ValidFrom.German() + " bis zum " + n.ValidUntil.German() + "."
		if r.Seal != nil && n.PredecessorID != nil && *n.PredecessorID == r.Seal.ID {
			next = "Das Folgesiegel aus der Rezertifizierung gilt vom " + n.ValidFrom.German() + " bis zum " + n.ValidUntil.German() + "."
		}
	}
	if r.Seal == nil {
		if next != "" {
			return "Ihr " + strings.TrimPrefix(next, "Das ")
		}
		return "Ihr Familienzentrum hat noch kein Gütesiegel. Die Nominierung erfolgt durch das Jugendamt."
	}
	until := r.Seal.ValidUntil.German()
	var cur string
	switch r.SealStatus {
	case SealActive:
		cur = "Ihr Gütesiegel gilt vom " + r.Seal.ValidFrom.German() + " bis zum " + until + "."
		if next == "" {
			cur += " Die Rezertifizierung beginnt am " + r.WindowOpens.German() + " (Kindergartenjahr " + r.RecertYear.String() + ")."
		}
	case SealRenewalDue:
		cur = "Ihr Gütesiegel läuft am " + until + " ab."
		if next == "" {
			cur += " Die Rezertifizierung ist fällig: Bitte stimmen Sie die nächsten Schritte mit der Zertifizierungsstelle ab."
		}
	case SealExpired:
		if next == "" {
			cur = "Bitte wenden Sie sich umgehend an Ihr Jugendamt und die Servicestelle."
		}
	case SealRevoked:
		cur = "Bitte wenden Sie sich an die Servicestelle."
	}
	return strings.TrimSpace(cur + " " + next)
}
