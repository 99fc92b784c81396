package notify

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// DigestReminder is the reminder of the weekly coordinator digest: one message that lists
// the reminders of a week, grouped by reminder. Its notifications have SubjectType
// "digest" and carry KeyDigestWeek and KeyDigestItems in their payload.
const DigestReminder Reminder = "digest.weekly"

// StatusPagePath is the path of a center's status below the public URL
// (KITACERT_PUBLIC_URL); "{center_id}" stands for the center's id. Every message links it.
// Until kitacert has web pages it is the API's status resource, which answers everyone
// signed in who may see the center (a session or an API token).
const StatusPagePath = "/api/v1/centers/{center_id}/status"

//go:embed templates/*.tmpl
var embeddedTemplates embed.FS

// The parts of a message; every reminder has one template file per part, named
// "<reminder>.<part>.tmpl", e.g. "seal.3_months.subject.tmpl".
const (
	partSubject = "subject"
	partText    = "text"
	partHTML    = "html"
)

// Files with named templates ({{define}}) that the text (and subject) and the HTML
// templates of every reminder can call: the greeting, the facts block, the footer.
const (
	commonTextFile = "common.text.tmpl"
	commonHTMLFile = "common.html.tmpl"
)

// knownReminders are the reminders that have templates and that a routing may name, in
// the order of the series (the digest lists its groups in this order).
var knownReminders = []Reminder{
	SealWindowOpen, SealMonths12, SealMonths6, SealMonths3, SealMonths1, SealExpired,
	EvidenceRequested, EvidenceDueSoon, EvidenceOverdue, VisitSoon, NoDecision,
	DigestReminder,
}

// reminderTitles are the German names of the reminders (TemplateData.Title and the group
// headings of the digest).
var reminderTitles = map[Reminder]string{
	SealWindowOpen:    "Die Rezertifizierung beginnt",
	SealMonths12:      "Gütesiegel läuft in zwölf Monaten ab",
	SealMonths6:       "Gütesiegel läuft in sechs Monaten ab",
	SealMonths3:       "Gütesiegel läuft in drei Monaten ab",
	SealMonths1:       "Gütesiegel läuft in einem Monat ab",
	SealExpired:       "Gütesiegel abgelaufen, Förderung gefährdet",
	EvidenceRequested: "Belege nachgefordert",
	EvidenceDueSoon:   "Frist für Fragebogen und Belege endet in 14 Tagen",
	EvidenceOverdue:   "Frist für Fragebogen und Belege überschritten",
	VisitSoon:         "Begehung in sieben Tagen",
	NoDecision:        "Keine Entscheidung acht Wochen nach der Begehung",
	DigestReminder:    "Wochenübersicht für die Servicestelle",
}

// roleLabels say in German in which capacity a recipient gets a message.
var roleLabels = map[Role]string{
	ToKitaLeader:         "Kita-Leitung",
	ToProviderContact:    "Ansprechperson des Trägers",
	ToYouthOfficePlanner: "Jugendhilfeplanung des Jugendamts",
	ToAssessor:           "Ansprechperson der Zertifizierungsstelle",
	ToCoordinator:        "Servicestelle Familienzentren",
}

// TemplateData is what every template sees as ".". Dates are in the German form
// "31.07.2030" (empty when unknown); the raw payload is available as .Payload. DaysLeft
// counts from the sweep day to the date the reminder is about: valid_until for seal
// reminders, evidence_due_on for the evidence reminders, visit_on for the visit and the
// no-decision reminders (negative when that day has passed).
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
	DaysLeft            int    // days from the sweep day to the reminder's date (below); negative: past
	HasDaysLeft         bool   // whether the payload carried days_left
	NextStep            string // what to do next (payload next_step); templates have a default
	KindergartenYear    string // "2029/30"
	EvidenceDueOn       string // "15.01.2030"
	VisitOn             string // "12.02.2030"
	DueOn               string // the day the reminder became due, "01.05.2030"
	ProcedureID         string
	Missing             []string  // procedure.evidence_requested: what is missing, one item each (payload missing)
	StatusURL           string    // public URL + StatusPagePath
	PublicURL           string    // KITACERT_PUBLIC_URL without a trailing slash
	Signature           Signature // the signature block (KITACERT_MAIL_* settings)

	// Digest only.
	Week      string        // "2026-W48"
	WeekLabel string        // "KW 48/2026"
	Groups    []DigestGroup // the week's items grouped by reminder, in series order
	Count     int           // the number of items

	Payload map[string]any // the notification's payload as stored
}

// DigestGroup is one reminder's items in the coordinator digest.
type DigestGroup struct {
	Reminder Reminder
	Title    string
	Items    []TemplateData // one per center or procedure; the fields as in a single message
}

// templateSource is one template file: its text and where it came from, for errors.
type templateSource struct {
	text   string
	origin string // "embedded templates/x.tmpl" or the override file's path
}

// reminderTemplates are the parsed templates of one reminder.
type reminderTemplates struct {
	subject *texttemplate.Template
	text    *texttemplate.Template
	html    *htmltemplate.Template
}

// TemplateRenderer renders notifications from German text and HTML templates: the
// embedded defaults, each of which an operator can replace with a file of the same name
// in an override directory. It implements Renderer and is safe for concurrent use.
type TemplateRenderer struct {
	publicURL string
	signature Signature
	sources   map[string]templateSource // by file name
	byRem     map[Reminder]reminderTemplates
}

var _ Renderer = (*TemplateRenderer)(nil)

// TemplateNames returns the file names of all templates, sorted: the common files and
// subject, text and HTML of every reminder and of the digest. An override directory may
// hold any of them.
func TemplateNames() []string {
	names := []string{commonTextFile, commonHTMLFile}
	for _, r := range knownReminders {
		for _, p := range []string{partSubject, partText, partHTML} {
			names = append(names, templateFile(r, p))
		}
	}
	sort.Strings(names)
	return names
}

func templateFile(r Reminder, part string) string { return string(r) + "." + part + ".tmpl" }

// NewTemplateRenderer loads the embedded templates, then replaces each one for which
// overrideDir (if not empty) holds a file of the same name; a *.tmpl file there that
// matches no template is an error (a misspelt override would otherwise be ignored). Every
// template must parse and render against sample payloads for every recipient role, so a
// broken template stops the start with an error that names its file. publicURL
// (KITACERT_PUBLIC_URL) must be an absolute http or https URL; the status page of a center
// is publicURL + StatusPagePath.
func NewTemplateRenderer(overrideDir string, publicURL string) (*TemplateRenderer, error) {
	base, err := checkPublicURL(publicURL)
	if err != nil {
		return nil, err
	}
	sources, err := loadTemplateSources(overrideDir)
	if err != nil {
		return nil, err
	}
	tr := &TemplateRenderer{publicURL: base, signature: DefaultSignature(), sources: sources, byRem: map[Reminder]reminderTemplates{}}
	for _, r := range knownReminders {
		rt, err := tr.parse(r)
		if err != nil {
			return nil, err
		}
		tr.byRem[r] = rt
	}
	if err := tr.selfCheck(); err != nil {
		return nil, err
	}
	return tr, nil
}

func checkPublicURL(s string) (string, error) {
	s = strings.TrimRight(strings.TrimSpace(s), "/")
	u, err := url.Parse(s)
	if s == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("notify: the public URL (KITACERT_PUBLIC_URL) must be an absolute http(s) URL for the links in messages, got %q", s)
	}
	return s, nil
}

func loadTemplateSources(overrideDir string) (map[string]templateSource, error) {
	sources := map[string]templateSource{}
	for _, name := range TemplateNames() {
		b, err := embeddedTemplates.ReadFile("templates/" + name)
		if err != nil {
			return nil, fmt.Errorf("notify: embedded template %s is missing: %w", name, err)
		}
		sources[name] = templateSource{text: string(b), origin: "embedded templates/" + name}
	}
	if overrideDir == "" {
		return sources, nil
	}
	entries, err := os.ReadDir(overrideDir)
	if err != nil {
		return nil, fmt.Errorf("notify: template override directory: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tmpl") {
			continue
		}
		path := filepath.Join(overrideDir, e.Name())
		if _, known := sources[e.Name()]; !known {
			return nil, fmt.Errorf("notify: template override %s: no template has this name (see docs/notifications.md for the names)", path)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("notify: template override %s: %w", path, err)
		}
		sources[e.Name()] = templateSource{text: string(b), origin: path}
	}
	return sources, nil
}

// parse parses the three templates of r, each together with the common file of its kind.
func (tr *TemplateRenderer) parse(r Reminder) (reminderTemplates, error) {
	var rt reminderTemplates
	commonText, commonHTML := tr.sources[commonTextFile], tr.sources[commonHTMLFile]
	for _, part := range []string{partSubject, partText} {
		name := templateFile(r, part)
		t := texttemplate.New(name).Funcs(templateFuncs).Option("missingkey=zero")
		if _, err := t.New(commonTextFile).Parse(commonText.text); err != nil {
			return rt, fmt.Errorf("notify: template %s: %w", commonText.origin, err)
		}
		if _, err := t.Parse(tr.sources[name].text); err != nil {
			return rt, fmt.Errorf("notify: template %s: %w", tr.sources[name].origin, err)
		}
		if part == partSubject {
			rt.subject = t
		} else {
			rt.text = t
		}
	}
	name := templateFile(r, partHTML)
	h := htmltemplate.New(name).Funcs(htmltemplate.FuncMap(templateFuncs)).Option("missingkey=zero")
	if _, err := h.New(commonHTMLFile).Parse(commonHTML.text); err != nil {
		return rt, fmt.Errorf("notify: template %s: %w", commonHTML.origin, err)
	}
	if _, err := h.Parse(tr.sources[name].text); err != nil {
		return rt, fmt.Errorf("notify: template %s: %w", tr.sources[name].origin, err)
	}
	rt.html = h
	return rt, nil
}

// templateFuncs are the functions templates may call besides the built-in ones.
var templateFuncs = texttemplate.FuncMap{
	// tage: "1 Tag", "5 Tage" (nominative/accusative: "noch 5 Tage").
	"tage": func(n int) string { return plural(n, "Tag", "Tage") },
	// tagen: "1 Tag", "5 Tagen" (dative: "in 5 Tagen", "seit 5 Tagen").
	"tagen": func(n int) string { return plural(n, "Tag", "Tagen") },
	// abs: the absolute value, for "seit {{tagen (abs .DaysLeft)}}".
	"abs": func(n int) int {
		if n < 0 {
			return -n
		}
		return n
	},
	// datum: the German form of a payload date ("2030-07-31" → "31.07.2030").
	"datum": func(v any) string { s, _ := germanDate(v); return s },
}

func plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Render renders the notification with the templates of its reminder (the digest's for
// SubjectType "digest"): subject and plain text with text/template, HTML with
// html/template. It fails for a reminder without templates, a payload without center
// (except for the digest) or a seal reminder without valid_until.
func (tr *TemplateRenderer) Render(n Notification) (Message, error) {
	r := n.Reminder
	if n.SubjectType == "digest" {
		r = DigestReminder
	}
	rt, ok := tr.byRem[r]
	if !ok {
		return Message{}, fmt.Errorf("notify: no templates for reminder %q", n.Reminder)
	}
	data, err := tr.dataFor(r, n)
	if err != nil {
		return Message{}, fmt.Errorf("notify: notification %s (%s): %w", n.ID, n.Reminder, err)
	}
	subject, text, html, err := execute(rt, data)
	if err != nil {
		return Message{}, fmt.Errorf("notify: notification %s (%s): %w", n.ID, n.Reminder, err)
	}
	return Message{
		NotificationID: n.ID.String(),
		MessageID:      "<" + n.ID.String() + "@kitacert>",
		To:             n.Recipient,
		ToName:         n.RecipientName,
		Subject:        subject,
		Text:           text,
		HTML:           html,
		Data:           n.Payload,
	}, nil
}

func execute(rt reminderTemplates, data TemplateData) (subject, text, html string, err error) {
	var b bytes.Buffer
	if err := rt.subject.Execute(&b, data); err != nil {
		return "", "", "", err
	}
	data.Subject = oneLine(b.String())
	b.Reset()
	if err := rt.text.Execute(&b, data); err != nil {
		return "", "", "", err
	}
	text = tidyText(b.String())
	b.Reset()
	if err := rt.html.Execute(&b, data); err != nil {
		return "", "", "", err
	}
	return data.Subject, text, strings.TrimSpace(b.String()) + "\n", nil
}

var spaces = regexp.MustCompile(`\s+`)

// oneLine makes a subject one header line: no line breaks, single spaces.
func oneLine(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

var blankLines = regexp.MustCompile(`\n{3,}`)

// tidyText trims trailing spaces of lines and collapses runs of blank lines, so that
// templates may use conditionals freely.
func tidyText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	s = blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.TrimSpace(s) + "\n"
}

// dataFor builds the template data of a notification.
func (tr *TemplateRenderer) dataFor(r Reminder, n Notification) (TemplateData, error) {
	d, err := tr.facts(n.Payload)
	if err != nil {
		return d, err
	}
	d.Reminder, d.Kind, d.Title = r, kindOf(r), reminderTitles[r]
	d.RecipientName = strings.TrimSpace(n.RecipientName)
	d.Salutation = str(n.Payload[KeyRecipientSalutation])
	d.Greeting = Greeting(d.Salutation, str(n.Payload[KeyRecipientTitle]), d.RecipientName)
	d.RecipientRole, d.RoleLabel = n.RecipientRole, roleLabels[n.RecipientRole]
	d.Payload = n.Payload
	if d.DueOn == "" {
		d.DueOn = n.DueOn.German()
	}
	if r == DigestReminder {
		return tr.digestData(d, n.Payload)
	}
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

// facts reads the payload keys shared by single messages and digest items.
func (tr *TemplateRenderer) facts(p map[string]any) (TemplateData, error) {
	var d TemplateData
	d.PublicURL = tr.publicURL
	d.Signature = tr.signature
	d.CenterName = str(p[KeyCenterName])
	d.CenterID = str(p[KeyCenterID])
	d.CenterRef = CenterRef(d.CenterName)
	d.CertificationNumber = str(p[KeyCertificationNumber])
	d.NextStep = str(p[KeyNextStep])
	d.KindergartenYear = str(p[KeyKindergartenYear])
	d.ProcedureID = str(p[KeyProcedureID])
	if items, ok := p[KeyMissing].([]any); ok {
		for _, it := range items {
			d.Missing = append(d.Missing, str(it))
		}
	}
	if d.CenterID != "" {
		d.StatusURL = tr.publicURL + strings.Replace(StatusPagePath, "{center_id}", url.PathEscape(d.CenterID), 1)
	}
	dates := []struct {
		key           string
		german, isoTo *string
	}{
		{KeyValidUntil, &d.ValidUntil, &d.ValidUntilISO},
		{KeyEvidenceDueOn, &d.EvidenceDueOn, nil},
		{KeyVisitOn, &d.VisitOn, nil},
		{"due_on", &d.DueOn, nil},
	}
	for _, x := range dates {
		v, ok := p[x.key]
		if !ok || v == nil {
			continue
		}
		g, err := germanDate(v)
		if err != nil {
			return d, fmt.Errorf("payload %s: %w", x.key, err)
		}
		*x.german = g
		if x.isoTo != nil && g != "" {
			*x.isoTo = isoDate(v)
		}
	}
	if v, ok := p[KeyDaysLeft]; ok && v != nil {
		n, err := integer(v)
		if err != nil {
			return d, fmt.Errorf("payload %s: %w", KeyDaysLeft, err)
		}
		d.DaysLeft, d.HasDaysLeft = n, true
	}
	return d, nil
}

// digestData fills the week and the groups of a digest.
func (tr *TemplateRenderer) digestData(d TemplateData, p map[string]any) (TemplateData, error) {
	d.Week = str(p[KeyDigestWeek])
	d.WeekLabel = weekLabel(d.Week)
	items, err := digestItems(p[KeyDigestItems])
	if err != nil {
		return d, err
	}
	groups := map[Reminder]*DigestGroup{}
	for i, it := range items {
		item, err := tr.facts(it)
		if err != nil {
			return d, fmt.Errorf("digest item %d: %w", i+1, err)
		}
		item.Reminder = Reminder(str(it["reminder"]))
		item.Kind = kindOf(item.Reminder)
		item.Title = reminderTitles[item.Reminder]
		if item.Title == "" {
			item.Title = string(item.Reminder)
		}
		item.Payload = it
		g := groups[item.Reminder]
		if g == nil {
			g = &DigestGroup{Reminder: item.Reminder, Title: item.Title}
			groups[item.Reminder] = g
		}
		g.Items = append(g.Items, item)
	}
	d.Count = len(items)
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
	return d, nil
}

// digestItems accepts the items as the sweep builds them ([]map[string]any) and as they
// come back from the store's JSON ([]any of map[string]any).
func digestItems(v any) ([]map[string]any, error) {
	switch items := v.(type) {
	case nil:
		return nil, nil
	case []map[string]any:
		return items, nil
	case []any:
		out := make([]map[string]any, 0, len(items))
		for i, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("digest item %d is a %T, not an object", i+1, it)
			}
			out = append(out, m)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("payload %s is a %T, not a list", KeyDigestItems, v)
	}
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

// str renders a payload value as a trimmed string.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(x)
	case fmt.Stringer:
		return strings.TrimSpace(x.String())
	default:
		return strings.TrimSpace(fmt.Sprint(x))
	}
}

// germanDate reads a payload date (a "YYYY-MM-DD" string, a cert.Date or a time.Time) in
// the German form "31.07.2030".
func germanDate(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case cert.Date:
		return x.German(), nil
	case *cert.Date:
		if x == nil {
			return "", nil
		}
		return x.German(), nil
	case time.Time:
		return cert.DateOf(x).German(), nil
	}
	s := str(v)
	if s == "" {
		return "", nil
	}
	var d cert.Date
	if err := d.Scan(s); err != nil { // Scan also takes "2030-07-31T00:00:00Z"
		return "", err
	}
	return d.German(), nil
}

func isoDate(v any) string {
	switch x := v.(type) {
	case cert.Date:
		return x.String()
	case *cert.Date:
		return x.String()
	case time.Time:
		return cert.DateOf(x).String()
	}
	var d cert.Date
	_ = d.Scan(str(v))
	return d.String()
}

// integer reads a payload number: an int of any size, a float64 from JSON (whole), a
// json.Number or a numeric string.
func integer(v any) (int, error) {
	switch x := v.(type) {
	case int:
		return x, nil
	case int32:
		return int(x), nil
	case int64:
		return int(x), nil
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1e9 {
			return 0, fmt.Errorf("%v is not a whole number of days", x)
		}
		return int(x), nil
	case json.Number:
		n, err := strconv.Atoi(string(x))
		if err != nil {
			return 0, fmt.Errorf("%q is not a whole number", x)
		}
		return n, nil
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(x))
		if err != nil {
			return 0, fmt.Errorf("%q is not a whole number", x)
		}
		return n, nil
	default:
		return 0, fmt.Errorf("a %T is not a number", v)
	}
}

// selfCheck renders every template for every recipient role against sample payloads,
// with and without the optional values, so that a broken template (or override) fails at
// construction and not in the middle of a delivery.
func (tr *TemplateRenderer) selfCheck() error {
	roles := []Role{ToKitaLeader, ToProviderContact, ToYouthOfficePlanner, ToAssessor, ToCoordinator, ""}
	for _, r := range knownReminders {
		for _, full := range []bool{true, false} {
			for _, role := range roles {
				n := sampleNotification(r, full)
				n.RecipientRole = role
				if !full {
					n.RecipientName = ""
				}
				if err := tr.checkOne(r, n); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (tr *TemplateRenderer) checkOne(r Reminder, n Notification) error {
	data, err := tr.dataFor(r, n)
	if err != nil {
		return fmt.Errorf("notify: sample payload for %s: %w", r, err) // a bug in sampleNotification
	}
	rt := tr.byRem[r]
	var b bytes.Buffer
	check := func(part string, exec func() error) error {
		b.Reset()
		if err := exec(); err != nil {
			return tr.templateError(r, part, err)
		}
		out := b.String()
		if strings.Contains(out, "<no value>") || strings.Contains(out, "&lt;no value&gt;") {
			return tr.templateError(r, part, errors.New(`renders "<no value>": it reads a value the data does not have`))
		}
		if part == partSubject && oneLine(out) == "" {
			return tr.templateError(r, part, errors.New("renders an empty subject"))
		}
		return nil
	}
	if err := check(partSubject, func() error { return rt.subject.Execute(&b, data) }); err != nil {
		return err
	}
	data.Subject = oneLine(b.String())
	if err := check(partText, func() error { return rt.text.Execute(&b, data) }); err != nil {
		return err
	}
	return check(partHTML, func() error { return rt.html.Execute(&b, data) })
}

// templateError names the file of a failing template, and the common file when that is
// an override (its named templates run inside the reminder's).
func (tr *TemplateRenderer) templateError(r Reminder, part string, err error) error {
	src := tr.sources[templateFile(r, part)]
	common := tr.sources[commonTextFile]
	if part == partHTML {
		common = tr.sources[commonHTMLFile]
	}
	also := ""
	if !strings.HasPrefix(common.origin, "embedded ") {
		also = " (with the override " + common.origin + ")"
	}
	return fmt.Errorf("notify: template %s%s does not render: %w", src.origin, also, err)
}

// sampleNotification returns a realistic notification of reminder r, as the sweep would
// create it (the payload as it comes back from the store's JSON); full adds the optional
// values (next_step, kindergarten year, the recipient's name, digest items). The renderer
// checks its templates against it.
func sampleNotification(r Reminder, full bool) Notification {
	validUntil := cert.MustParseDate("2030-07-31")
	due := map[Reminder]cert.Date{
		SealWindowOpen: cert.MustParseDate("2029-08-01"), SealMonths12: cert.MustParseDate("2029-08-01"),
		SealMonths6: cert.MustParseDate("2030-02-01"), SealMonths3: cert.MustParseDate("2030-05-01"),
		SealMonths1: cert.MustParseDate("2030-07-01"), SealExpired: cert.MustParseDate("2030-08-01"),
		EvidenceDueSoon: cert.MustParseDate("2030-01-01"), EvidenceOverdue: cert.MustParseDate("2030-01-16"),
		VisitSoon: cert.MustParseDate("2030-02-05"), NoDecision: cert.MustParseDate("2030-04-09"),
		EvidenceRequested: cert.MustParseDate("2029-12-15"),
		DigestReminder:    cert.MustParseDate("2030-05-06"),
	}[r]
	centerID := "0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b"
	p := map[string]any{
		KeyCenterName:          "Familienzentrum Sonnenblume",
		KeyCenterID:            centerID,
		KeyCertificationNumber: "FZ-2022-0137",
		KeyValidUntil:          validUntil.String(),
		KeyDaysLeft:            float64(due.DaysUntil(validUntil)),
		KeyEvidenceDueOn:       "2030-01-15",
		KeyVisitOn:             "2030-02-12",
		KeyProcedureID:         "0192f5e4-9a10-7b2c-8d3e-1f2a3b4c5d6e",
	}
	switch r {
	case EvidenceRequested:
		p[KeyDaysLeft] = float64(due.DaysUntil(cert.MustParseDate("2030-01-15")))
		p[KeyMissing] = []any{"Kooperationsvereinbarung mit der Erziehungsberatungsstelle", "Nachweis der Fortbildung zu 1.3 (30 Stunden)"}
	case EvidenceDueSoon, EvidenceOverdue:
		p[KeyDaysLeft] = float64(due.DaysUntil(cert.MustParseDate("2030-01-15")))
	case VisitSoon, NoDecision:
		p[KeyDaysLeft] = float64(due.DaysUntil(cert.MustParseDate("2030-02-12")))
	}
	if !full && kindOf(r) == "procedure" { // an initial certification: no seal yet
		delete(p, KeyValidUntil)
		delete(p, KeyCertificationNumber)
	}
	if full {
		p[KeyKindergartenYear] = "2029/30"
		p[KeyNextStep] = "Bitte reichen Sie Fragebogen und Belege bis zum 15.01.2030 ein."
		if strings.HasPrefix(string(r), "seal.") {
			p[KeyNextStep] = "Ihr Gütesiegel läuft am 31.07.2030 ab. Die Rezertifizierung ist fällig: " +
				"Bitte stimmen Sie die nächsten Schritte mit der Zertifizierungsstelle ab."
		}
	}
	n := Notification{
		ID: uuid.MustParse("0192f5e4-0000-7000-8000-000000000001"), CreatedAt: due.Time(time.UTC),
		SubjectType: "seal", Reminder: r, DueOn: due, ValidityEnd: validUntil,
		Channel: ChannelEmail, Recipient: "leitung@kita-sonnenblume.example",
		RecipientName: "Maria Schneider", RecipientRole: ToKitaLeader, Status: StatusPending,
		Payload: p,
	}
	if kindOf(r) == "procedure" {
		n.SubjectType, n.ValidityEnd = "procedure", cert.Date{}
	}
	if r == DigestReminder {
		n.SubjectType = "digest"
		n.ValidityEnd = cert.Date{}
		n.Recipient, n.RecipientName, n.RecipientRole = "servicestelle@isa.example", "Jonas Weber", ToCoordinator
		items := []any{}
		for i, ir := range []Reminder{SealMonths3, SealExpired, SealMonths3, NoDecision} {
			it := map[string]any{"reminder": string(ir), "due_on": "2030-05-0" + strconv.Itoa(i+1)}
			for k, v := range p {
				it[k] = v
			}
			it[KeyCenterID] = fmt.Sprintf("0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a%02d", i)
			if ir == SealExpired {
				it[KeyCenterName], it[KeyCertificationNumber] = "Verbund-Familienzentrum Am Park", "FZ-2021-0042"
				it[KeyValidUntil], it[KeyDaysLeft] = "2030-04-30", float64(-3)
			}
			items = append(items, it)
		}
		if !full {
			items = items[:0]
		}
		n.Payload = map[string]any{KeyDigestWeek: "2030-W19", KeyDigestItems: items}
	}
	return n
}
