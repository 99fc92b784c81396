package notify

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	texttemplate "text/template"

	"github.com/kitacert/kitacert/pkg/cert"
)

// DigestReminder is the reminder of the weekly coordinator digest: one message that lists
// the reminders of a week, grouped by reminder. Its notifications have SubjectType
// "digest" and a DigestPayload.
const DigestReminder Reminder = "digest.weekly"

// StatusPagePath is the path of a center's page below the public URL
// (KITACERT_PUBLIC_URL); "{center_id}" stands for the center's id. Every message links it.
// The center page opens with "Wo stehen wir?" (seal, open procedure, next step); a
// visitor who is not signed in is sent to the login and back to the page afterwards.
const StatusPagePath = "/centers/{center_id}"

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
// is publicURL + StatusPagePath. The signature block is empty until SetSignature gives
// one (kitacert's config always does).
func NewTemplateRenderer(overrideDir string, publicURL string) (*TemplateRenderer, error) {
	base, err := checkPublicURL(publicURL)
	if err != nil {
		return nil, err
	}
	sources, err := loadTemplateSources(overrideDir)
	if err != nil {
		return nil, err
	}
	tr := &TemplateRenderer{publicURL: base, sources: sources, byRem: map[Reminder]reminderTemplates{}}
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
	// datum: the German form of a date of .Payload (a cert.Date) or of a "2030-07-31"
	// string: "31.07.2030"; "" for anything else.
	"datum": datum,
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
		Reminder:       n.Reminder,
		Payload:        n.Payload,
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

// datum is the template function "datum".
func datum(v any) string {
	switch x := v.(type) {
	case cert.Date:
		return x.German()
	case string:
		d, err := cert.ParseDate(strings.TrimSpace(x))
		if err != nil {
			return ""
		}
		return d.German()
	}
	return ""
}
