package notify

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

const testPublicURL = "https://kitacert.example.org"

func newTestRenderer(t *testing.T, overrideDir string) *TemplateRenderer {
	t.Helper()
	tr, err := NewTemplateRenderer(overrideDir, testPublicURL+"/")
	if err != nil {
		t.Fatalf("NewTemplateRenderer: %v", err)
	}
	return tr
}

// realistic returns a notification as the sweep creates it, with Go values in the payload
// (before the store's JSON round trip): days_left counts to valid_until for seal reminders
// and to the deadline for procedure reminders, whose payload has no valid_until.
func realistic(r Reminder, role Role, payload map[string]any) Notification {
	centerID := uuid.MustParse("0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b")
	subjectID := uuid.MustParse("0192f5e4-7c1a-7d3e-9b2a-000000000005")
	p := map[string]any{
		KeyCenterName:          "Familienzentrum Regenbogen Bielefeld-Mitte",
		KeyCenterID:            centerID.String(),
		KeyCertificationNumber: "FZ-2026-0815",
		KeyKindergartenYear:    "2029/30",
	}
	n := Notification{
		ID: uuid.MustParse("0192f5e4-1111-7222-8333-444455556666"), SubjectType: "seal",
		SubjectID: &subjectID, CenterID: &centerID, Reminder: r, DueOn: cert.MustParseDate("2030-05-31"),
		Channel: ChannelEmail, Recipient: "k.yilmaz@awo-bielefeld.example", RecipientName: "Kerstin Yılmaz",
		RecipientRole: role, Status: StatusPending, Payload: p,
	}
	if kindOf(r) == "seal" {
		n.ValidityEnd = cert.MustParseDate("2030-07-31")
		p[KeyValidUntil], p[KeyDaysLeft] = cert.MustParseDate("2030-07-31"), 61
		if r == SealExpired {
			p[KeyDaysLeft] = -1
		}
	} else {
		n.SubjectType = "procedure"
		p[KeyEvidenceDueOn], p[KeyVisitOn] = "2030-01-15", "2030-02-12"
		p[KeyProcedureID] = "0192f5e4-9a10-7b2c-8d3e-1f2a3b4c5d6e"
		p[KeyDaysLeft] = map[Reminder]int{EvidenceDueSoon: 14, EvidenceOverdue: -3, VisitSoon: 7, NoDecision: -56}[r]
	}
	for k, v := range payload {
		if v == nil {
			delete(p, k)
		} else {
			p[k] = v
		}
	}
	return n
}

func singleReminders() []Reminder {
	var out []Reminder
	for _, r := range knownReminders {
		if r != DigestReminder {
			out = append(out, r)
		}
	}
	return out
}

func assertClean(t *testing.T, what, s string) {
	t.Helper()
	for _, bad := range []string{"<no value>", "&lt;no value&gt;", "%!", "{{", "}}"} {
		if strings.Contains(s, bad) {
			t.Errorf("%s contains %q:\n%s", what, bad, s)
		}
	}
}

func TestRenderEveryReminder(t *testing.T) {
	tr := newTestRenderer(t, "")
	link := testPublicURL + "/api/v1/centers/0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b/status"
	for _, r := range singleReminders() {
		for _, role := range []Role{ToKitaLeader, ToProviderContact, ToYouthOfficePlanner, ToAssessor, ToCoordinator} {
			n := realistic(r, role, nil)
			m, err := tr.Render(n)
			if err != nil {
				t.Fatalf("%s/%s: %v", r, role, err)
			}
			name := string(r) + "/" + string(role)
			if m.MessageID != "<0192f5e4-1111-7222-8333-444455556666@kitacert>" || m.NotificationID != n.ID.String() {
				t.Errorf("%s: ids %q %q", name, m.MessageID, m.NotificationID)
			}
			if m.To != n.Recipient || m.ToName != n.RecipientName || !reflect.DeepEqual(m.Data, n.Payload) {
				t.Errorf("%s: to %q %q, data %v", name, m.To, m.ToName, m.Data)
			}
			if m.Subject == "" || strings.ContainsAny(m.Subject, "\r\n") || !strings.Contains(m.Subject, "Familienzentrum Regenbogen") {
				t.Errorf("%s: subject %q", name, m.Subject)
			}
			if !strings.HasPrefix(m.HTML, "<!DOCTYPE html>") {
				t.Errorf("%s: HTML does not start with a doctype:\n%s", name, m.HTML)
			}
			for part, body := range map[string]string{"text": m.Text, "html": m.HTML} {
				assertClean(t, name+" "+part, body)
				wants := []string{"Familienzentrum Regenbogen Bielefeld-Mitte", "FZ-2026-0815", link, "Guten Tag Kerstin Yılmaz,",
					map[Reminder]string{
						SealWindowOpen: "noch 61 Tage", SealMonths12: "noch 61 Tage", SealMonths6: "noch 61 Tage",
						SealMonths3: "noch 61 Tage", SealMonths1: "noch 61 Tage", SealExpired: "abgelaufen",
						EvidenceDueSoon: "15.01.2030 (noch 14 Tage)", EvidenceOverdue: "15.01.2030 (seit 3 Tagen überschritten)",
						VisitSoon: "12.02.2030 (in 7 Tagen)", NoDecision: "12.02.2030 (vor 56 Tagen)",
					}[r]}
				if kindOf(r) == "seal" {
					wants = append(wants, "31.07.2030")
				}
				for _, want := range wants {
					if !strings.Contains(body, want) {
						t.Errorf("%s %s lacks %q:\n%s", name, part, want, body)
					}
				}
				if strings.Contains(body, "2030-07-31") || strings.Contains(body, "2030-01-15") || strings.Contains(body, "2030-02-12") {
					t.Errorf("%s %s shows an ISO date instead of the German one", name, part)
				}
			}
			if !strings.Contains(m.HTML, `href="`+link+`"`) {
				t.Errorf("%s: HTML has no link to the status page", name)
			}
		}
	}
}

func TestRenderExpiryMentionsFunding(t *testing.T) {
	tr := newTestRenderer(t, "")
	m, err := tr.Render(realistic(SealExpired, ToYouthOfficePlanner, map[string]any{KeyDaysLeft: -1}))
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{m.Text, m.HTML} {
		for _, want := range []string{"20.000 EUR je Kindergartenjahr", "gefährdet", "31.07.2030", "abgelaufen"} {
			if !strings.Contains(body, want) {
				t.Errorf("expiry message lacks %q:\n%s", want, body)
			}
		}
		if strings.Contains(body, "noch ") {
			t.Errorf("expiry message counts days left:\n%s", body)
		}
	}
	if !strings.Contains(m.Subject, "Förderung gefährdet") {
		t.Errorf("subject %q", m.Subject)
	}
}

func TestRenderNextStep(t *testing.T) {
	tr := newTestRenderer(t, "")
	given := "Bitte reichen Sie die nachgeforderten Belege bis zum 15.01.2030 nach."
	for _, r := range singleReminders() {
		m, err := tr.Render(realistic(r, ToKitaLeader, map[string]any{KeyNextStep: given}))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.Text, "Was ist jetzt zu tun?\n"+given) || !strings.Contains(m.HTML, given) {
			t.Errorf("%s: the payload's next step is missing:\n%s", r, m.Text)
		}
		// Without next_step every reminder has its own sentence.
		m, err = tr.Render(realistic(r, ToKitaLeader, nil))
		if err != nil {
			t.Fatal(err)
		}
		_, after, ok := strings.Cut(m.Text, "Was ist jetzt zu tun?\n")
		if !ok || len(strings.TrimSpace(strings.SplitN(after, "\n\n", 2)[0])) < 40 {
			t.Errorf("%s: no default next step:\n%s", r, m.Text)
		}
	}
	// Other roles read the center's next step as such.
	m, _ := tr.Render(realistic(VisitSoon, ToAssessor, map[string]any{KeyNextStep: given}))
	if !strings.Contains(m.Text, "Nächster Schritt für das Familienzentrum:\n"+given) {
		t.Errorf("assessor text:\n%s", m.Text)
	}
}

func TestRenderWithoutOptionalValues(t *testing.T) {
	tr := newTestRenderer(t, "")
	for _, r := range singleReminders() {
		n := realistic(r, "", map[string]any{KeyCertificationNumber: nil, KeyDaysLeft: nil,
			KeyKindergartenYear: nil, KeyNextStep: nil, KeyProcedureID: nil})
		n.RecipientName = ""
		m, err := tr.Render(n)
		if err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		assertClean(t, string(r), m.Text)
		assertClean(t, string(r), m.HTML)
		if !strings.HasPrefix(m.Text, "Guten Tag,\n") {
			t.Errorf("%s: greeting without a name:\n%s", r, m.Text)
		}
		if strings.Contains(m.Text, "Zertifizierungsnummer") || strings.Contains(m.Text, "Funktion:") {
			t.Errorf("%s: shows empty rows:\n%s", r, m.Text)
		}
	}
}

// The store hands payloads back from JSON: numbers as float64, dates as strings. Both
// forms render the same.
func TestRenderAfterJSONRoundTrip(t *testing.T) {
	tr := newTestRenderer(t, "")
	for _, r := range singleReminders() {
		n := realistic(r, ToKitaLeader, nil)
		b, err := json.Marshal(n.Payload)
		if err != nil {
			t.Fatal(err)
		}
		stored := n
		stored.Payload = nil
		if err := json.Unmarshal(b, &stored.Payload); err != nil {
			t.Fatal(err)
		}
		want, err1 := tr.Render(n)
		got, err2 := tr.Render(stored)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if got.Subject != want.Subject || got.Text != want.Text || got.HTML != want.HTML {
			t.Errorf("%s renders differently after the JSON round trip:\n%s\n---\n%s", r, got.Text, want.Text)
		}
	}
}

func TestRenderEscapesHTML(t *testing.T) {
	tr := newTestRenderer(t, "")
	evil := `Kita <script>alert("x")</script> & Söhne`
	n := realistic(SealMonths3, ToKitaLeader, map[string]any{KeyCenterName: evil,
		KeyNextStep: `<a href="javascript:alert(1)">klick</a>`})
	n.RecipientName = `<b>Eve</b>`
	m, err := tr.Render(n)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", "<b>Eve", `href="javascript`, "& Söhne"} {
		if strings.Contains(m.HTML, bad) {
			t.Errorf("HTML contains %q unescaped:\n%s", bad, m.HTML)
		}
	}
	for _, want := range []string{"Kita &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Söhne", "&lt;b&gt;Eve&lt;/b&gt;"} {
		if !strings.Contains(m.HTML, want) {
			t.Errorf("HTML lacks the escaped %q:\n%s", want, m.HTML)
		}
	}
	if !strings.Contains(m.Text, evil) || !strings.Contains(m.Subject, evil) {
		t.Errorf("plain text and subject should carry the name as it is:\n%s\n%s", m.Subject, m.Text)
	}
}

func TestSubjectIsOneLine(t *testing.T) {
	tr := newTestRenderer(t, "")
	m, err := tr.Render(realistic(SealMonths1, ToKitaLeader, map[string]any{KeyCenterName: "Kita A\r\nBcc: x@example.org"}))
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(m.Subject, "\r\n") || !strings.Contains(m.Subject, "Kita A Bcc: x@example.org") {
		t.Errorf("subject %q", m.Subject)
	}
}

func TestRenderDigest(t *testing.T) {
	tr := newTestRenderer(t, "")
	item := func(r Reminder, name, id string, extra map[string]any) map[string]any {
		m := map[string]any{"reminder": string(r), "due_on": "2026-11-23", KeyCenterName: name, KeyCenterID: id,
			KeyCertificationNumber: "FZ-" + id[:4], KeyValidUntil: "2027-07-31", KeyDaysLeft: 250}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	items := []map[string]any{ // not in series order
		item(NoDecision, "FZ Nord", "1111-a", map[string]any{KeyVisitOn: "2026-09-28"}),
		item(SealMonths12, "FZ Süd", "2222-b", nil),
		item(SealExpired, "FZ <Ost>", "3333-c", map[string]any{KeyValidUntil: "2026-10-31", KeyDaysLeft: -23}),
		item(SealMonths12, "FZ West", "4444-d", nil),
	}
	n := Notification{ID: uuid.New(), SubjectType: "digest", Reminder: DigestReminder, Recipient: "team@servicestelle.example",
		RecipientName: "Servicestelle", RecipientRole: ToCoordinator,
		Payload: map[string]any{KeyDigestWeek: "2026-W48", KeyDigestItems: items}}
	m, err := tr.Render(n)
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject != "Wochenübersicht KW 48/2026: 4 Hinweise zu Familienzentren" {
		t.Errorf("subject %q", m.Subject)
	}
	assertClean(t, "digest text", m.Text)
	assertClean(t, "digest html", m.HTML)
	// Grouped in series order: 12 months, expired, no decision.
	order := []string{reminderTitles[SealMonths12] + " (2)", "FZ Süd", "FZ West", reminderTitles[SealExpired] + " (1)",
		"FZ <Ost>", "31.10.2026", reminderTitles[NoDecision] + " (1)", "FZ Nord", "28.09.2026"}
	at := 0
	for _, want := range order {
		i := strings.Index(m.Text[at:], want)
		if i < 0 {
			t.Fatalf("digest text lacks %q after position %d:\n%s", want, at, m.Text)
		}
		at += i + len(want)
	}
	for _, want := range []string{testPublicURL + "/api/v1/centers/1111-a/status", testPublicURL + "/api/v1/centers/4444-d/status", "23.11.2026", "noch 250 Tage"} {
		if !strings.Contains(m.Text, want) || !strings.Contains(m.HTML, want) {
			t.Errorf("digest lacks %q:\n%s", want, m.Text)
		}
	}
	if strings.Contains(m.HTML, "<Ost>") || !strings.Contains(m.HTML, "FZ &lt;Ost&gt;") {
		t.Error("digest HTML does not escape the center name")
	}

	// The same from the store (JSON) and an empty week.
	b, _ := json.Marshal(n.Payload)
	n.Payload = nil
	_ = json.Unmarshal(b, &n.Payload)
	if m2, err := tr.Render(n); err != nil || m2.Text != m.Text {
		t.Errorf("digest after JSON: %v\n%s", err, m2.Text)
	}
	n.Payload = map[string]any{KeyDigestWeek: "2026-W49"}
	m, err = tr.Render(n)
	if err != nil || !strings.Contains(m.Text, "keine Erinnerungen") || m.Subject != "Wochenübersicht KW 49/2026: 0 Hinweise zu Familienzentren" {
		t.Errorf("empty digest: %v %q\n%s", err, m.Subject, m.Text)
	}
}

func TestRenderErrors(t *testing.T) {
	tr := newTestRenderer(t, "")
	if _, err := tr.Render(realistic("seal.13_months", ToKitaLeader, nil)); err == nil {
		t.Error("unknown reminder rendered")
	}
	if _, err := tr.Render(realistic(SealMonths3, ToKitaLeader, map[string]any{KeyCenterID: nil})); err == nil {
		t.Error("a message without center rendered")
	}
	if _, err := tr.Render(realistic(SealMonths3, ToKitaLeader, map[string]any{KeyValidUntil: "31.07.2030"})); err == nil {
		t.Error("a malformed date rendered")
	}
	if _, err := tr.Render(realistic(SealMonths3, ToKitaLeader, map[string]any{KeyDaysLeft: "viele"})); err == nil {
		t.Error("a malformed days_left rendered")
	}
	// Without valid_until in the payload the notification's validity end is used; without
	// either a seal reminder fails.
	n := realistic(SealMonths3, ToKitaLeader, map[string]any{KeyValidUntil: nil})
	if m, err := tr.Render(n); err != nil || !strings.Contains(m.Text, "31.07.2030") {
		t.Errorf("fallback to ValidityEnd: %v", err)
	}
	n.ValidityEnd = cert.Date{}
	if _, err := tr.Render(n); err == nil {
		t.Error("a seal reminder without valid_until rendered")
	}
	// A procedure reminder of an initial certification has no seal yet.
	n = realistic(EvidenceDueSoon, ToKitaLeader, map[string]any{KeyValidUntil: nil, KeyDaysLeft: nil})
	n.ValidityEnd = cert.Date{}
	m, err := tr.Render(n)
	if err != nil || strings.Contains(m.Text, "Gütesiegel gültig bis") {
		t.Errorf("procedure reminder without seal: %v\n%s", err, m.Text)
	}
}

func TestPublicURL(t *testing.T) {
	for _, bad := range []string{"", "kitacert.example.org", "ftp://kitacert.example.org", "https://", "/centers"} {
		if _, err := NewTemplateRenderer("", bad); err == nil {
			t.Errorf("public URL %q accepted", bad)
		}
	}
	tr, err := NewTemplateRenderer("", "http://localhost:8080/kitacert/")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := tr.Render(realistic(SealMonths6, ToKitaLeader, nil))
	if !strings.Contains(m.Text, "http://localhost:8080/kitacert/api/v1/centers/0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b/status\n") {
		t.Errorf("link:\n%s", m.Text)
	}
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOverrideReplacesOneTemplate(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "seal.3_months.subject.tmpl", "Erinnerung: {{.CenterName}} bis {{datum .Payload.valid_until}}\n")
	writeFile(t, dir, "seal.3_months.text.tmpl", "{{template \"greeting\" .}}\n\nKurz: {{.CenterName}}, {{tage .DaysLeft}}, {{.StatusURL}}\n")
	writeFile(t, dir, "README.md", "not a template") // other files are ignored
	if err := os.Mkdir(filepath.Join(dir, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	def, over := newTestRenderer(t, ""), newTestRenderer(t, dir)

	n := realistic(SealMonths3, ToKitaLeader, nil)
	m, err := over.Render(n)
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject != "Erinnerung: Familienzentrum Regenbogen Bielefeld-Mitte bis 31.07.2030" {
		t.Errorf("subject %q", m.Subject)
	}
	if m.Text != "Guten Tag Kerstin Yılmaz,\n\nKurz: Familienzentrum Regenbogen Bielefeld-Mitte, 61 Tage, "+
		testPublicURL+"/api/v1/centers/0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b/status\n" {
		t.Errorf("text %q", m.Text)
	}
	d, _ := def.Render(n)
	if strings.Replace(m.HTML, m.Subject, d.Subject, 1) != d.HTML { // the title is the subject
		t.Errorf("the HTML template changed without an override:\n%s", m.HTML)
	}
	for _, r := range knownReminders {
		if r == SealMonths3 {
			continue
		}
		a, err1 := def.Render(sampleNotification(r, true))
		b, err2 := over.Render(sampleNotification(r, true))
		if err1 != nil || err2 != nil || a.Subject != b.Subject || a.Text != b.Text || a.HTML != b.HTML {
			t.Errorf("%s changed by an override of another reminder (%v, %v)", r, err1, err2)
		}
	}
}

func TestOverrideCommonTemplate(t *testing.T) {
	dir := t.TempDir()
	common, err := embeddedTemplates.ReadFile("templates/common.text.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(common), "{{.Signature.Organisation}}", "Ihre Servicestelle Familienzentren", 1)
	writeFile(t, dir, "common.text.tmpl", text)
	tr := newTestRenderer(t, dir)
	for _, r := range knownReminders {
		m, err := tr.Render(sampleNotification(r, true))
		if err != nil || !strings.Contains(m.Text, "Mit freundlichen Grüßen\nIhre Servicestelle Familienzentren") {
			t.Errorf("%s: signature not replaced (%v):\n%s", r, err, m.Text)
		}
	}
}

func TestBrokenOverrideFailsConstruction(t *testing.T) {
	tests := []struct{ name, file, text, want string }{
		{"parse error", "seal.expired.html.tmpl", "<p>{{.CenterName</p>", "seal.expired.html.tmpl"},
		{"unknown field", "procedure.visit_7_days.text.tmpl", "{{.Centre}}", "can't evaluate field Centre"},
		{"no value", "seal.1_month.text.tmpl", "{{.Payload.no_such_key}}", "<no value>"},
		{"unknown function", "digest.weekly.subject.tmpl", "{{upper .Week}}", `function "upper" not defined`},
		{"missing named template", "seal.6_months.html.tmpl", `{{template "kopf" .}}`, "no such template"},
		{"empty subject", "seal.6_months.subject.tmpl", "{{if false}}x{{end}}\n", "empty subject"},
		{"broken common", "common.html.tmpl", `{{define "facts"}}{{.Nope}}{{end}}`, "common.html.tmpl"},
		{"unknown file", "seal.2_months.text.tmpl", "Hallo", "no template has this name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeFile(t, dir, tt.file, tt.text)
			_, err := NewTemplateRenderer(dir, testPublicURL)
			if err == nil {
				t.Fatal("a broken override was accepted")
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not name %s and %q", err, path, tt.want)
			}
		})
	}
	if _, err := NewTemplateRenderer(filepath.Join(t.TempDir(), "missing"), testPublicURL); err == nil {
		t.Error("a missing override directory was accepted")
	}
}

func TestTemplateNames(t *testing.T) {
	names := TemplateNames()
	if len(names) != 2+3*len(knownReminders) {
		t.Errorf("%d names", len(names))
	}
	entries, err := embeddedTemplates.ReadDir("templates")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(names) {
		t.Errorf("%d embedded files for %d names: a stray or missing template file", len(entries), len(names))
	}
	for _, r := range knownReminders {
		if reminderTitles[r] == "" {
			t.Errorf("%s has no German title", r)
		}
	}
}

func TestRenderConcurrently(t *testing.T) {
	tr := newTestRenderer(t, "")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, r := range knownReminders {
				if _, err := tr.Render(sampleNotification(r, true)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestDaysWording(t *testing.T) {
	tr := newTestRenderer(t, "")
	tests := []struct {
		r    Reminder
		days any
		want string
	}{
		{SealMonths1, 1, "Verbleibende Zeit:      noch 1 Tag\n"},
		{SealMonths1, 0, "Verbleibende Zeit:      heute ist der letzte Gültigkeitstag\n"},
		{SealMonths1, float64(30), "Verbleibende Zeit:      noch 30 Tage\n"},
		{EvidenceDueSoon, 0, "Frist für Belege:       15.01.2030 (endet heute)\n"},
		{EvidenceOverdue, -1, "Frist für Belege:       15.01.2030 (seit 1 Tag überschritten)\n"},
		{EvidenceOverdue, nil, "Frist für Belege:       15.01.2030 (überschritten)\n"},
		{VisitSoon, 1, "Begehung:               12.02.2030 (in 1 Tag)\n"},
		{VisitSoon, 0, "Begehung:               12.02.2030 (heute)\n"},
	}
	for _, tt := range tests {
		m, err := tr.Render(realistic(tt.r, ToKitaLeader, map[string]any{KeyDaysLeft: tt.days}))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.Text, tt.want) {
			t.Errorf("%s with days_left %v lacks %q:\n%s", tt.r, tt.days, tt.want, m.Text)
		}
	}
	// A re-certification procedure may carry the current seal's valid_until: it is shown,
	// but days_left counts to the procedure's deadline, not to it.
	m, err := tr.Render(realistic(VisitSoon, ToAssessor, map[string]any{KeyValidUntil: "2030-07-31"}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, "Gütesiegel gültig bis:  31.07.2030\n") || strings.Contains(m.Text, "Verbleibende Zeit") {
		t.Errorf("procedure with seal:\n%s", m.Text)
	}
}
