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
	// The signature of kitacert's default KITACERT_MAIL_ORGANISATION (the golden files).
	return tr.SetSignature(Signature{Organisation: testOrganisation})
}

// testOrganisation is the default of KITACERT_MAIL_ORGANISATION in cmd/kitacert's config.
const testOrganisation = "kitacert – Verfahren zum Gütesiegel „Familienzentrum NRW“"

// realistic returns a notification as the sweep creates it: days_left counts to
// valid_until for seal reminders and to the deadline for procedure reminders, whose
// payload has no valid_until. edit (if not nil) changes the facts of the payload.
func realistic(r Reminder, role Role, edit func(*CenterFacts)) Notification {
	centerID := uuid.MustParse("0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b")
	subjectID := uuid.MustParse("0192f5e4-7c1a-7d3e-9b2a-000000000005")
	f := CenterFacts{CenterName: "Familienzentrum Regenbogen Bielefeld-Mitte", CenterID: centerID,
		CertificationNumber: "FZ-2026-0815", KindergartenYear: "2029/30"}
	n := Notification{
		ID: uuid.MustParse("0192f5e4-1111-7222-8333-444455556666"), SubjectType: "seal",
		SubjectID: &subjectID, CenterID: &centerID, Reminder: r, DueOn: cert.MustParseDate("2030-05-31"),
		Channel: ChannelEmail, Recipient: "k.yilmaz@awo-bielefeld.example", RecipientName: "Kerstin Yılmaz",
		RecipientRole: role, Status: StatusPending,
	}
	if kindOf(r) == "seal" {
		n.ValidityEnd = cert.MustParseDate("2030-07-31")
		f.ValidUntil, f.DaysLeft = cert.MustParseDate("2030-07-31"), 61
		if r == SealExpired {
			f.DaysLeft = -1
		}
	} else {
		n.SubjectType = "procedure"
		f.EvidenceDueOn, f.VisitOn = cert.MustParseDate("2030-01-15"), cert.MustParseDate("2030-02-12")
		f.ProcedureID = uuid.MustParse("0192f5e4-9a10-7b2c-8d3e-1f2a3b4c5d6e")
		f.DaysLeft = map[Reminder]int{EvidenceDueSoon: 14, EvidenceOverdue: -3, VisitSoon: 7, NoDecision: -56}[r]
	}
	if edit != nil {
		edit(&f)
	}
	if n.SubjectType == "seal" {
		n.Payload = SealPayload{CenterFacts: f}
	} else {
		n.Payload = ProcedurePayload{CenterFacts: f}
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
	link := testPublicURL + "/centers/0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b"
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
			if m.To != n.Recipient || m.ToName != n.RecipientName || m.Reminder != r || !reflect.DeepEqual(m.Payload, n.Payload) {
				t.Errorf("%s: to %q %q, reminder %s, payload %v", name, m.To, m.ToName, m.Reminder, m.Payload)
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
	m, err := tr.Render(realistic(SealExpired, ToYouthOfficePlanner, nil))
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
		m, err := tr.Render(realistic(r, ToKitaLeader, func(f *CenterFacts) { f.NextStep = given }))
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
	m, _ := tr.Render(realistic(VisitSoon, ToAssessor, func(f *CenterFacts) { f.NextStep = given }))
	if !strings.Contains(m.Text, "Nächster Schritt für das Familienzentrum:\n"+given) {
		t.Errorf("assessor text:\n%s", m.Text)
	}
}

func TestRenderWithoutOptionalValues(t *testing.T) {
	tr := newTestRenderer(t, "")
	for _, r := range singleReminders() {
		n := realistic(r, "", func(f *CenterFacts) {
			f.CertificationNumber, f.KindergartenYear, f.NextStep, f.ProcedureID = "", "", "", uuid.Nil
		})
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

// TestPayloadRoundTrip: a payload of every kind goes through JSON as the store keeps it,
// comes back in its type (DecodePayload by the subject type) equal to what went in, and
// renders the same mail.
func TestPayloadRoundTrip(t *testing.T) {
	tr := newTestRenderer(t, "")
	var ns []Notification
	for _, r := range knownReminders {
		ns = append(ns, sampleNotification(r, true), sampleNotification(r, false))
	}
	for _, r := range singleReminders() {
		n := realistic(r, ToKitaLeader, nil)
		n.Payload = withAddressee(n.Payload, Addressee{Salutation: "frau", Title: "Dr."})
		ns = append(ns, n)
	}
	for _, n := range ns {
		b, err := json.Marshal(n.Payload)
		if err != nil {
			t.Fatal(err)
		}
		p, err := DecodePayload(n.SubjectType, b)
		if err != nil {
			t.Fatalf("%s: %v\n%s", n.Reminder, err, b)
		}
		if !reflect.DeepEqual(p, n.Payload) {
			t.Errorf("%s: the payload changed in JSON:\n%#v\n%#v", n.Reminder, p, n.Payload)
		}
		stored := n
		stored.Payload = p
		want, err1 := tr.Render(n)
		got, err2 := tr.Render(stored)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if got.Subject != want.Subject || got.Text != want.Text || got.HTML != want.HTML {
			t.Errorf("%s renders differently after the JSON round trip:\n%s\n---\n%s", n.Reminder, got.Text, want.Text)
		}
	}
}

// withAddressee sets the addressee of a seal or procedure payload.
func withAddressee(p Payload, a Addressee) Payload {
	switch x := p.(type) {
	case SealPayload:
		x.Addressee = a
		return x
	case ProcedurePayload:
		x.Addressee = a
		return x
	}
	return p
}

// TestDecodeStoredPayload: the JSON that kitacert stored while the payload was a map (days
// left as a number, empty strings for unknown dates, the digest items with every key of
// their reminder) decodes into the types; a payload that does not fit its type fails.
func TestDecodeStoredPayload(t *testing.T) {
	seal := `{"center_name":"FZ Eins","center_id":"0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b","certification_number":"FZ-1",
		"valid_until":"2030-07-31","days_left":61,"kindergarten_year":"2029/30","recipient_salutation":"frau","recipient_title":"Dr."}`
	p, err := DecodePayload("seal", []byte(seal))
	want := SealPayload{CenterFacts: CenterFacts{CenterName: "FZ Eins", CenterID: uuid.MustParse("0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b"),
		CertificationNumber: "FZ-1", ValidUntil: cert.MustParseDate("2030-07-31"), DaysLeft: 61, KindergartenYear: "2029/30"},
		Addressee: Addressee{Salutation: "frau", Title: "Dr."}}
	if err != nil || !reflect.DeepEqual(p, want) {
		t.Errorf("seal: %v\n%#v", err, p)
	}
	proc := `{"center_name":"FZ Eins","center_id":"0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b","certification_number":"",
		"kindergarten_year":"2029/30","procedure_id":"0192f5e4-9a10-7b2c-8d3e-1f2a3b4c5d6e","evidence_due_on":"2030-01-15",
		"days_left":14,"visit_on":"","missing":["Beleg A","Beleg B"]}`
	p, err = DecodePayload("procedure", []byte(proc))
	pp, ok := p.(ProcedurePayload)
	if err != nil || !ok || pp.EvidenceDueOn != cert.MustParseDate("2030-01-15") || !pp.VisitOn.IsZero() || len(pp.Missing) != 2 || pp.DaysLeft != 14 {
		t.Errorf("procedure: %v\n%#v", err, p)
	}
	digest := `{"week":"2026-W48","items":[{"reminder":"seal.3_months","due_on":"2026-11-23","center_name":"FZ Eins",
		"center_id":"0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b","valid_until":"2027-02-28","days_left":97,"recipient_salutation":"herr"}]}`
	p, err = DecodePayload("digest", []byte(digest))
	dp, ok := p.(DigestPayload)
	if err != nil || !ok || dp.Week != "2026-W48" || len(dp.Items) != 1 || dp.Items[0].Reminder != SealMonths3 || dp.Items[0].DaysLeft != 97 {
		t.Errorf("digest: %v\n%#v", err, p)
	}
	for kind, bad := range map[string]string{"seal": `{"valid_until":"31.07.2030"}`, "procedure": `{"days_left":"viele"}`,
		"digest": `{"items":{}}`, "unknown": `{}`} {
		if p, err := DecodePayload(kind, []byte(bad)); err == nil {
			t.Errorf("%s payload %s decoded: %#v", kind, bad, p)
		}
	}
}

func TestRenderEscapesHTML(t *testing.T) {
	tr := newTestRenderer(t, "")
	evil := `Kita <script>alert("x")</script> & Söhne`
	n := realistic(SealMonths3, ToKitaLeader, func(f *CenterFacts) {
		f.CenterName, f.NextStep = evil, `<a href="javascript:alert(1)">klick</a>`
	})
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
	m, err := tr.Render(realistic(SealMonths1, ToKitaLeader, func(f *CenterFacts) { f.CenterName = "Kita A\r\nBcc: x@example.org" }))
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(m.Subject, "\r\n") || !strings.Contains(m.Subject, "Kita A Bcc: x@example.org") {
		t.Errorf("subject %q", m.Subject)
	}
}

func TestRenderDigest(t *testing.T) {
	tr := newTestRenderer(t, "")
	item := func(r Reminder, name, id string, edit func(*DigestItem)) DigestItem {
		it := DigestItem{Reminder: r, DueOn: cert.MustParseDate("2026-11-23"), CenterFacts: CenterFacts{CenterName: name,
			CenterID: uuid.MustParse(id), CertificationNumber: "FZ-" + id[:4], ValidUntil: cert.MustParseDate("2027-07-31"), DaysLeft: 250}}
		if edit != nil {
			edit(&it)
		}
		return it
	}
	const nord, west = "11111111-0000-7000-8000-00000000000a", "44444444-0000-7000-8000-00000000000d"
	items := []DigestItem{ // not in series order
		item(NoDecision, "FZ Nord", nord, func(it *DigestItem) { it.VisitOn = cert.MustParseDate("2026-09-28") }),
		item(SealMonths12, "FZ Süd", "22222222-0000-7000-8000-00000000000b", nil),
		item(SealExpired, "FZ <Ost>", "33333333-0000-7000-8000-00000000000c", func(it *DigestItem) {
			it.ValidUntil, it.DaysLeft = cert.MustParseDate("2026-10-31"), -23
		}),
		item(SealMonths12, "FZ West", west, nil),
	}
	n := Notification{ID: uuid.New(), SubjectType: "digest", Reminder: DigestReminder, Recipient: "team@servicestelle.example",
		RecipientName: "Servicestelle", RecipientRole: ToCoordinator,
		Payload: DigestPayload{Week: "2026-W48", Items: items}}
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
	for _, want := range []string{testPublicURL + "/centers/" + nord, testPublicURL + "/centers/" + west, "23.11.2026", "noch 250 Tage"} {
		if !strings.Contains(m.Text, want) || !strings.Contains(m.HTML, want) {
			t.Errorf("digest lacks %q:\n%s", want, m.Text)
		}
	}
	if strings.Contains(m.HTML, "<Ost>") || !strings.Contains(m.HTML, "FZ &lt;Ost&gt;") {
		t.Error("digest HTML does not escape the center name")
	}

	// The same from the store (JSON) and an empty week.
	b, _ := json.Marshal(n.Payload)
	if n.Payload, err = DecodePayload("digest", b); err != nil {
		t.Fatal(err)
	}
	if m2, err := tr.Render(n); err != nil || m2.Text != m.Text {
		t.Errorf("digest after JSON: %v\n%s", err, m2.Text)
	}
	n.Payload = DigestPayload{Week: "2026-W49"}
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
	if _, err := tr.Render(realistic(SealMonths3, ToKitaLeader, func(f *CenterFacts) { f.CenterID = uuid.Nil })); err == nil {
		t.Error("a message without center rendered")
	}
	// A payload of the wrong kind, or one the store could not read, does not render.
	wrong := realistic(SealMonths3, ToKitaLeader, nil)
	wrong.Payload = ProcedurePayload{CenterFacts: wrong.Payload.(SealPayload).CenterFacts}
	if _, err := tr.Render(wrong); err == nil {
		t.Error("a seal reminder with a procedure payload rendered")
	}
	wrong.Payload = UnreadablePayload{Kind: "seal", Err: "notify: seal payload: kaputt"}
	if _, err := tr.Render(wrong); err == nil || !strings.Contains(err.Error(), "kaputt") {
		t.Errorf("an unreadable payload: %v", err)
	}
	// Without valid_until in the payload the notification's validity end is used; without
	// either a seal reminder fails.
	n := realistic(SealMonths3, ToKitaLeader, func(f *CenterFacts) { f.ValidUntil = cert.Date{} })
	if m, err := tr.Render(n); err != nil || !strings.Contains(m.Text, "31.07.2030") {
		t.Errorf("fallback to ValidityEnd: %v", err)
	}
	n.ValidityEnd = cert.Date{}
	if _, err := tr.Render(n); err == nil {
		t.Error("a seal reminder without valid_until rendered")
	}
	// A procedure reminder of an initial certification has no seal yet.
	n = realistic(EvidenceDueSoon, ToKitaLeader, nil)
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
	if !strings.Contains(m.Text, "http://localhost:8080/kitacert/centers/0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b\n") {
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
	writeFile(t, dir, "seal.3_months.subject.tmpl", "Erinnerung: {{.CenterName}} bis {{datum .Payload.ValidUntil}}\n")
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
		testPublicURL+"/centers/0192f5e4-7c1a-7d3e-9b2a-4f6c8d0e1a2b\n" {
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
		{"no such field", "seal.1_month.text.tmpl", "{{.Payload.NoSuchField}}", "NoSuchField"},
		{"payload by JSON key", "seal.3_months.subject.tmpl", "{{datum .Payload.valid_until}}", "can't evaluate field valid_until"},
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
		days int
		want string
	}{
		{SealMonths1, 1, "Verbleibende Zeit:      noch 1 Tag\n"},
		{SealMonths1, 0, "Verbleibende Zeit:      heute ist der letzte Gültigkeitstag\n"},
		{SealMonths1, 30, "Verbleibende Zeit:      noch 30 Tage\n"},
		{EvidenceDueSoon, 0, "Frist für Belege:       15.01.2030 (endet heute)\n"},
		{EvidenceOverdue, -1, "Frist für Belege:       15.01.2030 (seit 1 Tag überschritten)\n"},
		{VisitSoon, 1, "Begehung:               12.02.2030 (in 1 Tag)\n"},
		{VisitSoon, 0, "Begehung:               12.02.2030 (heute)\n"},
	}
	for _, tt := range tests {
		m, err := tr.Render(realistic(tt.r, ToKitaLeader, func(f *CenterFacts) { f.DaysLeft = tt.days }))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.Text, tt.want) {
			t.Errorf("%s with days_left %v lacks %q:\n%s", tt.r, tt.days, tt.want, m.Text)
		}
	}
	// A re-certification procedure may carry the current seal's valid_until: it is shown,
	// but days_left counts to the procedure's deadline, not to it.
	m, err := tr.Render(realistic(VisitSoon, ToAssessor, func(f *CenterFacts) { f.ValidUntil = cert.MustParseDate("2030-07-31") }))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, "Gütesiegel gültig bis:  31.07.2030\n") || strings.Contains(m.Text, "Verbleibende Zeit") {
		t.Errorf("procedure with seal:\n%s", m.Text)
	}
}

// TestItemOfLeavesOutUnreadable: a reminder whose stored payload could not be read (and
// so names no center) is not listed in the coordinators' digest as an item without a name.
func TestItemOfLeavesOutUnreadable(t *testing.T) {
	seal := Notification{Reminder: "seal.3_months", Payload: SealPayload{CenterFacts: CenterFacts{CenterName: "FZ Eins"}}}
	if it, ok := ItemOf(seal); !ok || it.CenterName != "FZ Eins" {
		t.Errorf("a seal reminder: %+v, %v", it, ok)
	}
	if it, ok := ItemOf(Notification{Reminder: "seal.3_months", Payload: UnreadablePayload{}}); ok {
		t.Errorf("an unreadable payload became the item %+v", it)
	}
}
