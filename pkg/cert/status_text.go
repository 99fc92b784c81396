package cert

import "strings"

// The German sentences of the status answer ("where do I stand?"). The programme writes
// "Rezertifizierung" as one word; validity reads "gilt vom … bis zum …".

// nextStep says in German what the center should do next, and by when: first what is
// wrong with the seal (expired, revoked, under review), then the open procedure's next
// step, else what the seals say.
func nextStep(r StatusReport) string {
	var parts []string
	if w := sealWarning(r); w != "" {
		parts = append(parts, w)
	}
	if p := r.Open; p != nil {
		parts = append(parts, ProcedureNextStep(*p))
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
		return "Ihr Gütesiegel ist am " + r.Seal.ValidUntil.German() + " abgelaufen (" + daysAgo(-r.DaysRemaining) +
			"); ohne gültiges Gütesiegel entfällt die Förderung als Familienzentrum."
	case SealRevoked:
		return "Ihr Gütesiegel wurde zum " + r.Seal.RevokedOn.German() + " widerrufen und darf nicht mehr geführt werden."
	}
	if r.Seal.ReviewRequired {
		return "Dem Verbund gehört nicht mehr als die Hälfte der Kitas an, denen das Gütesiegel verliehen wurde; " +
			"die Zertifizierungsstelle prüft, ob es weiter gilt."
	}
	return ""
}

// daysAgo says how long ago in German, singular or plural: "vor einem Tag", "vor 123 Tagen".
func daysAgo(n int) string {
	if n == 1 {
		return "vor einem Tag"
	}
	return "vor " + itoa(n) + " Tagen"
}

// ProcedureNextStep says in German what a center with the open procedure p does next,
// with its deadline or visit day; empty for a state without a next step. It is the one
// source of these sentences: the status answer's next_step and the mails (seal and
// procedure reminders) say the same.
func ProcedureNextStep(p Procedure) string {
	switch p.State {
	case StateNominated:
		return "Ihr Familienzentrum ist für das Kindergartenjahr " + p.Year.String() +
			" nominiert. Die Zertifizierungsstelle lädt Sie zur Registrierung ein und nennt die Fristen."
	case StateRegistered:
		return "Bitte reichen Sie Fragebogen und Belege bis zum " + p.EvidenceDueOn.German() + " ein."
	case StateEvidenceRequested:
		return "Bitte reichen Sie die nachgeforderten Belege bis zum " + p.EvidenceDueOn.German() + " nach."
	case StateEvidenceSubmitted:
		return "Ihre Unterlagen liegen der Zertifizierungsstelle vor. Sie prüft sie und meldet sich, um die Begehung zu vereinbaren."
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
