package notify

import "github.com/kitacert/kitacert/pkg/cert"

// ProcedureNextStep says in German what a center with the open procedure p does next,
// with its deadline or visit day: the next_step of the seal reminders, so that a mail
// reflects where the re-certification stands (a center that submitted its evidence is not
// told to wait for an invitation to register). Empty for a state without a next step.
func ProcedureNextStep(p cert.Procedure) string {
	switch p.State {
	case cert.StateNominated:
		return "Ihr Familienzentrum ist für das Kindergartenjahr " + p.Year.String() + " nominiert. " +
			"Die Zertifizierungsstelle lädt Sie zur Registrierung ein und nennt die Fristen."
	case cert.StateRegistered:
		return "Das Verfahren ist registriert. Bitte reichen Sie Fragebogen und Belege bis zum " + p.EvidenceDueOn.German() + " ein."
	case cert.StateEvidenceRequested:
		return "Die Zertifizierungsstelle hat Unterlagen nachgefordert. Bitte reichen Sie sie bis zum " + p.EvidenceDueOn.German() + " ein."
	case cert.StateEvidenceSubmitted:
		return "Ihre Unterlagen liegen der Zertifizierungsstelle vor. Sie prüft sie und meldet sich, um die Begehung zu vereinbaren."
	case cert.StateInReview:
		return "Die Zertifizierungsstelle prüft Ihre Unterlagen und meldet sich, um die Begehung zu vereinbaren."
	case cert.StateVisitScheduled:
		return "Die Begehung ist für den " + p.VisitOn.German() + " geplant. Bitte planen Sie drei bis vier Stunden für Rundgang und Gespräch ein."
	case cert.StateVisited:
		return "Die Begehung hat stattgefunden. Die Entscheidung der Zertifizierungsstelle erhalten Sie schriftlich."
	}
	return ""
}
