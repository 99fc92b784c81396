package notify

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// TemplateData is what every template sees as ".": the notification's typed payload laid
// out for the text. Dates are in the German form "31.07.2030" (empty when unknown); the
// payload itself is .Payload. DaysLeft counts from the sweep day to the date the reminder
// is about: valid_until for seal reminders, evidence_due_on for the evidence reminders,
// visit_on for the visit and the no-decision reminders (negative when that day has passed).
type TemplateData struct {
	Reminder      Reminder // e.g. "seal.3_months"
	Kind          string   // "seal", "procedure" or "digest": what the reminder is about
	Title         string   // the German name of the reminder, e.g. "Gütesiegel läuft in drei Monaten ab"
	Subject       string   // the rendered subject (empty while the subject itself renders)
	RecipientName string   // may be empty
	Greeting      string   // the first line in formal German, e.g. "Sehr geehrte Frau Dr. Lehmann," (see Greeting)
	Salutation    string   // the recipient's salutation: "frau", "herr" or ""
	RecipientRole Role     // e.g. "kita_leader"
	RoleLabel     string   // the role in German, e.g. "Kita-Leitung"

	CenterName          string
	CenterRef           string // the center with its article, e.g. "das Familienzentrum Regenbogen" (see CenterRef)
	CenterID            string
	CertificationNumber string
	ValidUntil          string // the seal's last valid day, "31.07.2030"
	ValidUntilISO       string // the same day as "2030-07-31"
	DaysLeft            int    // days from the sweep day to the reminder's date (above); negative: past
	HasDaysLeft         bool   // true for every seal and procedure reminder and digest item
	NextStep            string // what to do next; templates have a default
	KindergartenYear    string // "2029/30"
	EvidenceDueOn       string // "15.01.2030"
	VisitOn             string // "12.02.2030"
	DueOn               string // the day the reminder became due, "01.05.2030"
	ProcedureID         string
	Missing             []string  // procedure.evidence_requested: what is missing, one item each
	StatusURL           string    // public URL + StatusPagePath
	PublicURL           string    // KITACERT_PUBLIC_URL without a trailing slash
	Signature           Signature // the signature block (KITACERT_MAIL_* settings)

	// Digest only.
	Week      string        // "2026-W48"
	WeekLabel string        // "KW 48/2026"
	Groups    []DigestGroup // the week's items grouped by reminder, in series order
	Count     int           // the number of items

	// Payload is the notification's payload in its type: SealPayload, ProcedurePayload or
	// DigestPayload; in the items of a digest group, the DigestItem.
	Payload any
}

// DigestGroup is one reminder's items in the coordinator digest.
type DigestGroup struct {
	Reminder Reminder
	Title    string
	Items    []TemplateData // one per center or procedure; the fields as in a single message
}

// dataFor builds the template data of a notification from its typed payload; the payload
// must be of the type of r's kind.
func (tr *TemplateRenderer) dataFor(r Reminder, n Notification) (TemplateData, error) {
	d := TemplateData{Reminder: r, Kind: kindOf(r), Title: reminderTitles[r], PublicURL: tr.publicURL, Signature: tr.signature,
		RecipientName: strings.TrimSpace(n.RecipientName), RecipientRole: n.RecipientRole, RoleLabel: roleLabels[n.RecipientRole],
		DueOn: n.DueOn.German(), Payload: n.Payload}
	var to Addressee
	switch p := n.Payload.(type) {
	case SealPayload:
		tr.facts(&d, p.CenterFacts)
		to = p.Addressee
	case ProcedurePayload:
		tr.facts(&d, p.CenterFacts)
		d.Missing, to = p.Missing, p.Addressee
	case DigestPayload:
		if d.Kind != "digest" {
			return d, fmt.Errorf("the payload of a %s reminder is a digest", d.Kind)
		}
		d.Greeting = Greeting("", "", d.RecipientName)
		return tr.digestData(d, p), nil
	case UnreadablePayload:
		return d, errors.New(p.Err)
	default:
		return d, fmt.Errorf("the payload is a %T, not the payload of a %s reminder", n.Payload, d.Kind)
	}
	if n.Payload.SubjectType() != d.Kind {
		return d, fmt.Errorf("the payload of a %s reminder is a %T", d.Kind, n.Payload)
	}
	d.Salutation = to.Salutation
	d.Greeting = Greeting(to.Salutation, to.Title, d.RecipientName)
	if d.CenterID == "" || d.CenterName == "" {
		return d, errors.New("the payload names no center (center_id and center_name)")
	}
	if d.ValidUntil == "" && !n.ValidityEnd.IsZero() {
		d.ValidUntil, d.ValidUntilISO = n.ValidityEnd.German(), n.ValidityEnd.String()
	}
	if d.Kind == "seal" && d.ValidUntil == "" {
		return d, errors.New("the payload of a seal reminder has no valid_until")
	}
	return d, nil
}

// facts lays out the facts shared by single messages and digest items.
func (tr *TemplateRenderer) facts(d *TemplateData, f CenterFacts) {
	d.CenterName = f.CenterName
	d.CenterRef = CenterRef(f.CenterName)
	d.CertificationNumber = f.CertificationNumber
	d.NextStep = f.NextStep
	d.KindergartenYear = f.KindergartenYear
	d.ValidUntil, d.ValidUntilISO = f.ValidUntil.German(), f.ValidUntil.String()
	d.EvidenceDueOn, d.VisitOn = f.EvidenceDueOn.German(), f.VisitOn.German()
	d.DaysLeft, d.HasDaysLeft = f.DaysLeft, true
	if f.ProcedureID != uuid.Nil {
		d.ProcedureID = f.ProcedureID.String()
	}
	if f.CenterID != uuid.Nil {
		d.CenterID = f.CenterID.String()
		d.StatusURL = tr.publicURL + strings.Replace(StatusPagePath, "{center_id}", url.PathEscape(d.CenterID), 1)
	}
}

// digestData fills the week and the groups of a digest.
func (tr *TemplateRenderer) digestData(d TemplateData, p DigestPayload) TemplateData {
	d.Week = p.Week
	d.WeekLabel = weekLabel(d.Week)
	groups := map[Reminder]*DigestGroup{}
	for _, it := range p.Items {
		item := TemplateData{PublicURL: tr.publicURL, Signature: tr.signature, Reminder: it.Reminder, Kind: kindOf(it.Reminder),
			Title: reminderTitles[it.Reminder], DueOn: it.DueOn.German(), Missing: it.Missing, Payload: it}
		tr.facts(&item, it.CenterFacts)
		if item.Title == "" {
			item.Title = string(item.Reminder)
		}
		g := groups[item.Reminder]
		if g == nil {
			g = &DigestGroup{Reminder: item.Reminder, Title: item.Title}
			groups[item.Reminder] = g
		}
		g.Items = append(g.Items, item)
	}
	d.Count = len(p.Items)
	for _, r := range knownReminders { // series order first
		if g := groups[r]; g != nil {
			d.Groups = append(d.Groups, *g)
			delete(groups, r)
		}
	}
	rest := make([]Reminder, 0, len(groups))
	for r := range groups {
		rest = append(rest, r)
	}
	slices.Sort(rest) // reminders unknown to this version, by name
	for _, r := range rest {
		d.Groups = append(d.Groups, *groups[r])
	}
	return d
}

// kindOf says what a reminder is about: "seal", "procedure" or "digest" (from its name).
func kindOf(r Reminder) string {
	if r == DigestReminder {
		return "digest"
	}
	kind, _, _ := strings.Cut(string(r), ".")
	return kind
}

// weekLabel turns "2026-W48" into "KW 48/2026"; anything else stays as it is.
func weekLabel(w string) string {
	var year, week int
	if _, err := fmt.Sscanf(w, "%d-W%d", &year, &week); err != nil {
		return w
	}
	return fmt.Sprintf("KW %d/%d", week, year)
}
