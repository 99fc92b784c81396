package cert

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// StatusReport answers "where do we stand?" for a center (or a Kita) in one call.
type StatusReport struct {
	AsOf          Date
	Center        *Center // nil: the Kita is in no center
	Seal          *Seal   // the current (latest) seal
	SealStatus    SealStatus
	DaysRemaining int
	Open          *Procedure
	OpenAllowed   []Action
	OpenMissing   []string          // evidence_requested: what the certification body asked for
	RecertYear    *KindergartenYear // the kindergarten year that ends on the seal's valid_until
	WindowOpens   Date              // when the re-certification window opens
	NextStep      string            // one German sentence: what to do next, by when
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
	seal, err := s.store.LatestSeal(ctx, c.ID)
	if pr, _ := access.From(ctx); err == nil && !pr.Can(access.SealRead, seal.Related) {
		err = ErrNotFound // a seal the caller may not read is not shown
	}
	switch ErrorCode(err) {
	case "":
		r.Seal = &seal
		r.SealStatus = seal.Status(r.AsOf, s.cfg.RenewalWindowOffsetMonths)
		r.DaysRemaining = r.AsOf.DaysUntil(seal.ValidUntil)
		y := KindergartenYearOf(seal.ValidUntil)
		r.RecertYear = &y
		r.WindowOpens = RenewalWindowOpens(seal.ValidUntil, s.cfg.RenewalWindowOffsetMonths)
	case ENOTFOUND:
	default:
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

// nextStep says in one German sentence what the center should do next, and by when.
func nextStep(r StatusReport) string {
	if p := r.Open; p != nil {
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
	}
	if r.Seal == nil {
		return "Ihr Familienzentrum hat noch kein Gütesiegel. Die Nominierung erfolgt durch das Jugendamt."
	}
	until := r.Seal.ValidUntil.German()
	switch r.SealStatus {
	case SealPending:
		return "Ihr Gütesiegel gilt ab dem " + r.Seal.ValidFrom.German() + " bis zum " + until + "."
	case SealActive:
		return "Ihr Gütesiegel gilt bis zum " + until + ". Die Re-Zertifizierung beginnt am " + r.WindowOpens.German() +
			" (Kindergartenjahr " + r.RecertYear.String() + ")."
	case SealRenewalDue:
		return "Ihr Gütesiegel läuft am " + until + " ab. Die Re-Zertifizierung ist fällig: Bitte stimmen Sie die nächsten Schritte mit der Zertifizierungsstelle ab."
	case SealExpired:
		return "Ihr Gütesiegel ist am " + until + " abgelaufen. Bitte wenden Sie sich umgehend an Ihr Jugendamt und die Servicestelle."
	case SealRevoked:
		return "Ihr Gütesiegel wurde zum " + r.Seal.RevokedOn.German() + " widerrufen. Bitte wenden Sie sich an die Servicestelle."
	case SealSuperseded:
		return "Ihr Gütesiegel wurde durch ein neues ersetzt."
	}
	return ""
}
