package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/notify/smtptest"
	"github.com/kitacert/kitacert/pkg/schedule"
)

// linkRE finds the path of the link in a delivered mail.
var linkRE = regexp.MustCompile(`https://kitacert\.example\.org(/\S+)`)

// leaderMail is the address of the Kita leader contact the reminder tests give the single
// center's Kita.
const leaderMail = "leitung.eins@example.org"

// withLeader gives the single center's Kita a Kita leader contact.
func (l *lifecycle) withLeader() {
	l.contact("kita_id", idOf(l.kitas[0]), obj{"name": "Petra Lehmann", "email": leaderMail, "function": "kita_leader", "salutation": "frau"})
}

// sweep runs the reminder sweep for a day against the test database.
func (a *env) sweep(day string) schedule.Report {
	a.t.Helper()
	sw := &schedule.Sweeper{Store: a.db, Cert: a.svc, Routing: notify.DefaultRouting(), Clock: a.clock,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), DigestWeekday: time.Sunday}
	r, err := sw.Sweep(context.Background(), cert.MustParseDate(day), false)
	if err != nil || !r.Ran {
		a.t.Fatalf("sweep %s: %v", day, err)
	}
	return r
}

// deliver sends what is due in a real SMTP conversation and returns the messages received.
func (a *env) deliver() []smtptest.Message {
	a.t.Helper()
	sink := smtptest.New(a.t, smtptest.Options{})
	if failed := a.deliverTo(sink); failed != 0 {
		a.t.Fatalf("delivery: %d failed", failed)
	}
	return sink.Messages()
}

// deliverTo sends what is due to sink and returns how many notifications failed.
func (a *env) deliverTo(sink *smtptest.Server) int {
	a.t.Helper()
	cfg, err := notify.ParseSMTPURL(sink.URL())
	if err != nil {
		a.t.Fatal(err)
	}
	cfg.Timeout = 5 * time.Second
	sender, err := notify.NewSMTPSender(cfg, "kitacert <noreply@example.org>")
	if err != nil {
		a.t.Fatal(err)
	}
	r, err := notify.NewTemplateRenderer("", "https://kitacert.example.org")
	if err != nil {
		a.t.Fatal(err)
	}
	w := &notify.Worker{Store: a.db, Renderer: r, Senders: map[notify.Channel]notify.Sender{notify.ChannelEmail: sender}, Clock: a.clock,
		Batch: 200, Lease: 5 * time.Minute, MaxAttempts: 8, Backoff: notify.ExponentialBackoff(10*time.Minute, 12*time.Hour, 0.2, nil)}
	_, _, failed, err := w.RunOnce(context.Background())
	if err != nil {
		a.t.Fatalf("delivery: %v", err)
	}
	return failed
}

// notifications lists the outbox rows of a center with a status, as "reminder→recipient".
func (a *env) notifications(center obj, status string) []string {
	a.t.Helper()
	var out []string
	for _, n := range items(a.t, a.get("/api/v1/notifications?limit=200&status="+status+"&center_id="+idOf(center))) {
		out = append(out, n["reminder"].(string)+"→"+n["recipient"].(string))
	}
	slices.Sort(out)
	return out
}

// TestRequestEvidenceNotifiesLeaders: request_evidence writes an outbox row for the Kita
// leaders in its transaction; the mail lists what is missing and the new deadline; the
// status answer shows the list.
func TestRequestEvidenceNotifiesLeaders(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		l.withLeader()
		id := idOf(a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2026/27"}))
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2026-12-10"}, 200)
		l.step(a.token, id, obj{"action": "submit_evidence"}, 200)
		l.step(l.assessor, id, obj{"action": "start_review"}, 200)
		if got := a.notifications(l.single, "pending"); len(got) != 0 {
			t.Fatalf("pending before the request: %v", got)
		}
		l.step(l.assessor, id, obj{"action": "request_evidence", "evidence_due_on": "2027-01-08",
			"missing": "- Kooperationsvereinbarung mit der Erziehungsberatung\n\n- Fortbildungsnachweis zu 1.3 (30 Stunden)"}, 200)
		if got := a.notifications(l.single, "pending"); !slices.Equal(got, []string{"procedure.evidence_requested→" + leaderMail}) {
			t.Fatalf("pending after the request: %v", got)
		}
		st := a.must(200, "GET", "/api/v1/kitas/"+idOf(l.kitas[0])+"/status", nil, bearer(l.leader)...)
		open, _ := st["open_procedure"].(map[string]any)
		if m, _ := open["missing"].([]any); len(m) != 2 || m[0] != "Kooperationsvereinbarung mit der Erziehungsberatung" ||
			m[1] != "Fortbildungsnachweis zu 1.3 (30 Stunden)" {
			t.Errorf("status missing = %v", open["missing"])
		}
		msgs := a.deliver()
		if len(msgs) != 1 || msgs[0].To[0] != leaderMail {
			t.Fatalf("delivered %d messages: %v", len(msgs), msgs)
		}
		body := msgs[0].Body()
		for _, want := range []string{"Sehr geehrte Frau Lehmann,", "für das Familienzentrum „FZ Eins“",
			"08.01.2027", "- Kooperationsvereinbarung mit der Erziehungsberatung",
			"<li>Fortbildungsnachweis zu 1.3 (30 Stunden)</li>", "FZ Eins"} {
			if !strings.Contains(body, want) {
				t.Errorf("mail lacks %q:\n%s", want, body)
			}
		}
		if !strings.Contains(msgs[0].Subject, "08.01.2027") {
			t.Errorf("subject %q lacks the deadline", msgs[0].Subject)
		}
		// the link of the mail answers a signed-in Kita leader, and asks others to sign in
		link := linkRE.FindStringSubmatch(body)
		if link == nil {
			t.Fatalf("no link in the mail:\n%s", body)
		}
		// The link opens the center page (a browser page: without a session it sends to
		// the login); the same center's status answers the Kita leader through the API.
		if st := a.must(200, "GET", "/api/v1"+link[1]+"/status", nil, bearer(l.leader)...); st["center_name"] != "FZ Eins" {
			t.Errorf("the status of the link %s answers %v", link[1], st)
		}
		if r := a.do("GET", link[1], nil, "Authorization", ""); r.Status != 303 || !strings.HasPrefix(r.Header.Get("Location"), "/login?next=") {
			t.Errorf("the link without sign-in answers %d to %q, want 303 to the login", r.Status, r.Header.Get("Location"))
		}
		// once the evidence is in, the list is gone from the status
		l.step(l.leader, id, obj{"action": "submit_evidence"}, 200)
		st = a.must(200, "GET", "/api/v1/kitas/"+idOf(l.kitas[0])+"/status", nil, bearer(l.leader)...)
		if m := st["open_procedure"].(map[string]any)["missing"].([]any); len(m) != 0 {
			t.Errorf("missing after submit: %v", m)
		}
	})
}

// TestStepsCancelProcedureReminders: the step that makes a reminder moot cancels it in its
// transaction: evidence submitted, withdrawal, visit recorded, decision.
func TestStepsCancelProcedureReminders(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		l.withLeader()
		open := func() string {
			return idOf(a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2026/27"}))
		}
		expect := func(step, status string, want ...string) {
			t.Helper()
			if got := a.notifications(l.single, status); !slices.Equal(got, want) {
				t.Errorf("after %s, %s: %v, want %v", step, status, got, want)
			}
		}
		due := "procedure.evidence_due_14_days→" + leaderMail

		// evidence due in 9 days; submitting it cancels the reminder
		id := open()
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2026-12-01"}, 200)
		a.sweep("2026-11-22")
		expect("sweep", "pending", due)
		l.step(l.leader, id, obj{"action": "submit_evidence"}, 200)
		expect("submit_evidence", "pending")
		expect("submit_evidence", "cancelled", due)

		// withdrawing cancels it too
		l.step(a.token, id, obj{"action": "withdraw", "reason": "Test"}, 200)
		id = open()
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2026-12-02"}, 200)
		a.sweep("2026-11-22")
		expect("second sweep", "pending", due)
		l.step(a.token, id, obj{"action": "withdraw", "reason": "Der Träger gibt die Einrichtung auf."}, 200)
		expect("withdraw", "pending")
		expect("withdraw", "cancelled", due, due)

		// the visit reminder ends with the visit, the escalation with the decision
		id = open()
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2026-12-20"}, 200)
		l.step(l.leader, id, obj{"action": "submit_evidence"}, 200)
		l.step(l.assessor, id, obj{"action": "start_review"}, 200)
		a.must(200, "PUT", "/api/v1/procedures/"+id+"/assessment", obj{"criteria": []obj{
			{"code": "1.1", "met": true}, {"code": "1.1.1", "met": true}, {"code": "5.1", "met": true}}}, bearer(l.assessor)...)
		l.step(l.assessor, id, obj{"action": "schedule_visit", "visit_on": "2026-11-26"}, 200)
		a.sweep("2026-11-22")
		visit := "procedure.visit_7_days→" + leaderMail
		if got := a.notifications(l.single, "pending"); !slices.Contains(got, visit) {
			t.Fatalf("no visit reminder: %v", got)
		}
		l.travel(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
		l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
		expect("record_visit", "pending")
		if got := a.notifications(l.single, "cancelled"); !slices.Contains(got, visit) {
			t.Errorf("visit reminder not cancelled: %v", got)
		}
		if r := a.sweep("2027-01-21"); r.Created[notify.NoDecision] == 0 {
			t.Fatalf("no escalation 8 weeks after the visit: %+v", r)
		}
		l.travel(time.Date(2027, 1, 21, 9, 0, 0, 0, time.UTC))
		l.step(l.assessor, id, obj{"action": "certify"}, 200)
		expect("certify", "pending")
		cancelled := a.notifications(l.single, "cancelled")
		if !slices.ContainsFunc(cancelled, func(s string) bool { return strings.HasPrefix(s, string(notify.NoDecision)) }) {
			t.Errorf("escalation not cancelled: %v", cancelled)
		}
	})
}

// TestFailedDeliveryInGerman: a mail server refusing the recipient leaves a German
// last_error with the server's reply; the API gives kind and reply code in their own fields.
func TestFailedDeliveryInGerman(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		l.withLeader()
		id := idOf(a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2026/27"}))
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2026-12-01"}, 200)
		a.sweep("2026-11-22")
		sink := smtptest.New(t, smtptest.Options{})
		sink.FailNext(smtptest.Rcpt, 1, 550, "5.1.1 Mailbox unbekannt")
		if failed := a.deliverTo(sink); failed != 1 {
			t.Fatalf("%d failed, want 1", failed)
		}
		list := items(t, a.get("/api/v1/notifications?status=failed&center_id="+idOf(l.single)))
		if len(list) != 1 {
			t.Fatalf("failed notifications: %v", list)
		}
		n := list[0]
		if n["last_error"] != "Dauerhafter Zustellfehler: 550 5.1.1 Mailbox unbekannt" || n["error_kind"] != "permanent" || n["reply_code"] != "550" {
			t.Errorf("last_error %q, error_kind %v, reply_code %v", n["last_error"], n["error_kind"], n["reply_code"])
		}
		pending := items(t, a.get("/api/v1/notifications?status=pending&center_id="+idOf(l.single)))
		for _, p := range pending {
			if p["error_kind"] != nil || p["reply_code"] != "" {
				t.Errorf("a pending notification without failure has error_kind %v, reply_code %v", p["error_kind"], p["reply_code"])
			}
		}
	})
}

// TestContactSalutation: a contact's salutation and title are written, read and cleared
// through the API, and the mails greet the person by them.
func TestContactSalutation(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		c := a.contact("kita_id", idOf(l.kitas[0]), obj{"name": "Jens van der Berg", "email": "berg@example.org",
			"function": "kita_leader", "salutation": "herr", "title": "Dr."})
		if c["salutation"] != "herr" || c["title"] != "Dr." {
			t.Fatalf("created: %v", c)
		}
		plain := a.contact("kita_id", idOf(l.kitas[0]), obj{"name": "Kim Sommer", "email": "sommer@example.org", "function": "kita_leader"})
		if plain["salutation"] != nil || plain["title"] != "" {
			t.Fatalf("without salutation: %v", plain)
		}
		r := a.do("POST", "/api/v1/contacts", obj{"name": "X", "email": "x@example.org", "function": "other",
			"kita_id": idOf(l.kitas[0]), "salutation": "divers"})
		if r.Status != 400 {
			t.Errorf("unknown salutation: %d %s", r.Status, r.Body)
		}
		id := idOf(a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2026/27"}))
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2026-12-01"}, 200)
		a.sweep("2026-11-22")
		greetings := map[string]string{}
		for _, m := range a.deliver() {
			greetings[m.To[0]], _, _ = strings.Cut(m.Body(), "\n")
		}
		if greetings["berg@example.org"] != "Sehr geehrter Herr Dr. van der Berg," || greetings["sommer@example.org"] != "Guten Tag Kim Sommer," {
			t.Errorf("greetings: %q", greetings)
		}
		cur := a.get("/api/v1/contacts/" + idOf(c))
		p := a.must(200, "PATCH", "/api/v1/contacts/"+idOf(c), obj{"salutation": nil, "title": ""}, "If-Match", quoted(versionOf(cur)))
		if p["salutation"] != nil || p["title"] != "" {
			t.Errorf("cleared: %v", p)
		}
	})
}

// TestRejectCancelsNoDecisionReminder: a rejection is a decision too: the escalation
// "no decision 8 weeks after the visit" is cancelled with it.
func TestRejectCancelsNoDecisionReminder(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		l.withLeader()
		id := idOf(a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2026/27"}))
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2026-12-20"}, 200)
		l.step(l.leader, id, obj{"action": "submit_evidence"}, 200)
		l.step(l.assessor, id, obj{"action": "start_review"}, 200)
		l.step(l.assessor, id, obj{"action": "schedule_visit", "visit_on": "2026-11-26"}, 200)
		l.travel(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
		l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
		if r := a.sweep("2027-01-21"); r.Created[notify.NoDecision] == 0 {
			t.Fatalf("no escalation 8 weeks after the visit: %+v", r)
		}
		isNoDecision := func(s string) bool { return strings.HasPrefix(s, string(notify.NoDecision)) }
		if got := a.notifications(l.single, "pending"); !slices.ContainsFunc(got, isNoDecision) {
			t.Fatalf("escalation not pending before the decision: %v", got)
		}
		l.travel(time.Date(2027, 1, 21, 9, 0, 0, 0, time.UTC))
		l.step(l.assessor, id, obj{"action": "reject", "reason": "Die Mindestpunktzahl wird in Bereich 1 nicht erreicht."}, 200)
		if got := a.notifications(l.single, "pending"); slices.ContainsFunc(got, isNoDecision) {
			t.Errorf("escalation still pending after reject: %v", got)
		}
		if got := a.notifications(l.single, "cancelled"); !slices.ContainsFunc(got, isNoDecision) {
			t.Errorf("escalation not cancelled by reject: %v", got)
		}
	})
}
