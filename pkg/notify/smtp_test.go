package notify_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/notify/smtptest"
)

func TestParseSMTPURL(t *testing.T) {
	ok := []struct {
		raw  string
		want notify.SMTPConfig
	}{
		{"smtps://user:pass@mail.example.org:465", notify.SMTPConfig{Host: "mail.example.org", Port: 465, Username: "user", Password: "pass", TLS: notify.TLSImplicit}},
		{"smtps://user:pass@mail.example.org", notify.SMTPConfig{Host: "mail.example.org", Port: 465, Username: "user", Password: "pass", TLS: notify.TLSImplicit}},
		{"smtp://user:pass@mail.example.org:587", notify.SMTPConfig{Host: "mail.example.org", Port: 587, Username: "user", Password: "pass", TLS: notify.TLSStartTLS}},
		{"smtp://mail.example.org", notify.SMTPConfig{Host: "mail.example.org", Port: 587, TLS: notify.TLSStartTLS}},
		{"smtp://mail.example.org?starttls=required", notify.SMTPConfig{Host: "mail.example.org", Port: 587, TLS: notify.TLSStartTLS}},
		{"smtp://localhost:25?starttls=off", notify.SMTPConfig{Host: "localhost", Port: 25, TLS: notify.TLSOff}},
		{"smtp://relay?starttls=off", notify.SMTPConfig{Host: "relay", Port: 25, TLS: notify.TLSOff}},
		{"smtp://:@relay?starttls=off", notify.SMTPConfig{Host: "relay", Port: 25, TLS: notify.TLSOff}},
		{"smtp://[::1]:2525?starttls=off&timeout=5s", notify.SMTPConfig{Host: "::1", Port: 2525, TLS: notify.TLSOff, Timeout: 5 * time.Second}},
		{"smtp://kitacert%40example.org:p%40ss%3Aw%2Frd@mail.example.org/", notify.SMTPConfig{Host: "mail.example.org", Port: 587, Username: "kitacert@example.org", Password: "p@ss:w/rd", TLS: notify.TLSStartTLS}},
	}
	for _, tc := range ok {
		got, err := notify.ParseSMTPURL(tc.raw)
		if err != nil {
			t.Errorf("ParseSMTPURL(%q): %v", tc.raw, err)
			continue
		}
		if got.Host != tc.want.Host || got.Port != tc.want.Port || got.Username != tc.want.Username ||
			got.Password != tc.want.Password || got.TLS != tc.want.TLS || got.Timeout != tc.want.Timeout {
			t.Errorf("ParseSMTPURL(%q) = %#v, want %#v (passwords %q, %q)", tc.raw, got, tc.want, got.Password, tc.want.Password)
		}
	}

	bad := []struct {
		raw, wantErr string
	}{
		{"", "empty"},
		{"   ", "empty"},
		{"http://mail.example.org", `scheme "http"`},
		{"mail.example.org:25", `scheme "mail.example.org"`},
		{"//mail.example.org", "no scheme"},
		{"smtp:mail.example.org", "needs a host"},
		{"smtp://", "no host"},
		{"smtp://:25", "no host"},
		{"smtp://mail.example.org/inbox", "no path"},
		{"smtp://mail.example.org#x", "fragment"},
		{"smtp://mail.example.org?starttls=maybe", "starttls wants off or required"},
		{"smtps://mail.example.org?starttls=off", "does not apply to smtps"},
		{"smtp://mail.example.org?starttls=off&starttls=off", "given 2 times"},
		{"smtp://mail.example.org?tls=off", `unknown parameter "tls"`},
		{"smtp://mail.example.org?timeout=soon", "timeout wants a positive duration"},
		{"smtp://mail.example.org?timeout=-1s", "timeout wants a positive duration"},
		{"smtp://mail.example.org:0", "port wants a number"},
		{"smtp://mail.example.org:70000", "port wants a number"},
		{"smtp://user@mail.example.org", "no password"},
		{"smtp://:secret-pw@mail.example.org", "no user name"},
		{"smtp://user:secret-pw@relay?starttls=off", "unencrypted"},
		{"smtp://user:secret-pw@mail.example.org:abc", "not a valid URL"},
		{"smtp://user:secret-pw@mail.example.org\x7f", "not a valid URL"},
	}
	for _, tc := range bad {
		_, err := notify.ParseSMTPURL(tc.raw)
		if err == nil {
			t.Errorf("ParseSMTPURL(%q): no error, want one containing %q", tc.raw, tc.wantErr)
			continue
		}
		if !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("ParseSMTPURL(%q) = %q, want it to contain %q", tc.raw, err, tc.wantErr)
		}
		if strings.Contains(err.Error(), "secret-pw") {
			t.Errorf("ParseSMTPURL(%q) error repeats the password: %q", tc.raw, err)
		}
	}
}

func TestSMTPConfigNeverShowsPassword(t *testing.T) {
	cfg, err := notify.ParseSMTPURL("smtps://kitacert%40example.org:s3cr3t-pw@mail.example.org:465?timeout=10s")
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("smtp", "config", cfg)
	forms := map[string]string{
		"String": cfg.String(),
		"%v":     fmt.Sprintf("%v", cfg),
		"%+v":    fmt.Sprintf("%+v", cfg),
		"%#v":    fmt.Sprintf("%#v", cfg),
		"%v ptr": fmt.Sprintf("%v", &cfg),
		"slog":   logged.String(),
	}
	for name, s := range forms {
		if strings.Contains(s, "s3cr3t") {
			t.Errorf("%s shows the password: %s", name, s)
		}
		if strings.Contains(s, "kitacert@") {
			t.Errorf("%s shows the user's address: %s", name, s)
		}
		if !strings.Contains(s, "mail.example.org:465") || !strings.Contains(s, ":***@") {
			t.Errorf("%s = %s, want host, port and a masked password", name, s)
		}
	}
	if got, want := cfg.String(), "smtps://***@example.org:***@mail.example.org:465?timeout=10s"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	plain, _ := notify.ParseSMTPURL("smtp://127.0.0.1:2525?starttls=off")
	if got, want := plain.String(), "smtp://127.0.0.1:2525?starttls=off"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// sender returns an SMTP sender for srv (trusting its certificate).
func sender(t testing.TB, srv *smtptest.Server, mutate ...func(*notify.SMTPConfig)) *notify.SMTPSender {
	t.Helper()
	cfg, err := notify.ParseSMTPURL(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	cfg.TLSConfig = srv.ClientTLSConfig()
	cfg.Timeout = 5 * time.Second
	for _, f := range mutate {
		f(&cfg)
	}
	s, err := notify.NewSMTPSender(cfg, "Familienzentrum NRW <noreply@example.org>")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func testMessage() notify.Message {
	return notify.Message{
		NotificationID: "0192f0c4-0000-7000-8000-000000000001",
		MessageID:      "<0192f0c4-0000-7000-8000-000000000001@kitacert>",
		To:             "leitung@example.org",
		ToName:         "Jörg Müller",
		Subject:        "Rezertifizierung: noch 90 Tage für „Familienzentrum Sonnenschein“",
		Text:           "Guten Tag,\n\ndas Gütesiegel läuft am 31.07.2030 ab.\n",
		HTML:           "<p>Guten Tag,</p><p>das Gütesiegel läuft am <b>31.07.2030</b> ab.</p>",
	}
}

func sendErr(t *testing.T, err error) *notify.SendError {
	t.Helper()
	var se *notify.SendError
	if !errors.As(err, &se) {
		t.Fatalf("error %v (%T) is not a *notify.SendError", err, err)
	}
	return se
}

func TestSMTPSenderDelivers(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts smtptest.Options
	}{
		{"plain", smtptest.Options{}},
		{"starttls+auth", smtptest.Options{TLS: smtptest.StartTLS, Username: "kitacert", Password: "pw:with@chars"}},
		{"implicit+auth", smtptest.Options{TLS: smtptest.Implicit, Username: "kitacert", Password: "pw"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.New(t, tc.opts)
			m := testMessage()
			if err := sender(t, srv).Send(context.Background(), m); err != nil {
				t.Fatalf("Send: %v", err)
			}
			got := srv.Messages()
			if len(got) != 1 {
				t.Fatalf("server got %d messages, want 1", len(got))
			}
			g := got[0]
			if g.MessageID != m.MessageID {
				t.Errorf("Message-ID = %q, want %q", g.MessageID, m.MessageID)
			}
			if g.Subject != m.Subject {
				t.Errorf("Subject = %q, want %q", g.Subject, m.Subject)
			}
			if g.From != "noreply@example.org" || len(g.To) != 1 || g.To[0] != m.To {
				t.Errorf("envelope from %q to %q", g.From, g.To)
			}
			if g.Auth != tc.opts.Username {
				t.Errorf("authenticated as %q, want %q", g.Auth, tc.opts.Username)
			}
			parsed, err := mail.ReadMessage(bytes.NewReader(g.Data))
			if err != nil {
				t.Fatal(err)
			}
			to, err := parsed.Header.AddressList("To")
			if err != nil || len(to) != 1 || to[0].Name != m.ToName || to[0].Address != m.To {
				t.Errorf("To = %v (%v), want %q <%s>", to, err, m.ToName, m.To)
			}
			from, err := parsed.Header.AddressList("From")
			if err != nil || len(from) != 1 || from[0].Name != "Familienzentrum NRW" || from[0].Address != "noreply@example.org" {
				t.Errorf("From = %v (%v)", from, err)
			}
			if got := parsed.Header.Get("Auto-Submitted"); got != "auto-generated" {
				t.Errorf("Auto-Submitted = %q", got)
			}
			if parsed.Header.Get("Date") == "" {
				t.Error("no Date header")
			}
			raw := string(g.Data)
			for _, want := range []string{"multipart/alternative", "text/plain", "text/html", "charset=UTF-8"} {
				if !strings.Contains(raw, want) {
					t.Errorf("message lacks %q:\n%s", want, raw)
				}
			}
		})
	}
}

func TestSMTPSenderClassifiesReplies(t *testing.T) {
	srv := smtptest.New(t, smtptest.Options{})
	s := sender(t, srv)
	for _, tc := range []struct {
		cmd       smtptest.Command
		code      int
		text      string
		temporary bool
		reply     string
	}{
		{smtptest.Rcpt, 451, "4.3.0 Bitte später erneut versuchen", true, "451 4.3.0 Bitte später erneut versuchen"},
		{smtptest.Rcpt, 550, "5.1.1 Mailbox unbekannt", false, "550 5.1.1 Mailbox unbekannt"},
		{smtptest.Data, 451, "4.7.1 Greylisting", true, "451 4.7.1 Greylisting"},
		{smtptest.Data, 554, "5.7.1 Als Spam abgelehnt", false, "554 5.7.1 Als Spam abgelehnt"},
		{smtptest.Mail, 421, "4.4.5 Zu viele Verbindungen", true, "421 4.4.5 Zu viele Verbindungen"},
		{smtptest.Mail, 553, "5.1.8 Absender abgelehnt", false, "553 5.1.8 Absender abgelehnt"},
	} {
		t.Run(fmt.Sprintf("%s %d", tc.cmd, tc.code), func(t *testing.T) {
			srv.Reset()
			srv.FailNext(tc.cmd, 1, tc.code, tc.text)
			se := sendErr(t, s.Send(context.Background(), testMessage()))
			if se.Temporary != tc.temporary || se.Reply != tc.reply {
				t.Errorf("got temporary=%v reply=%q, want %v %q", se.Temporary, se.Reply, tc.temporary, tc.reply)
			}
			if notify.IsTemporary(se) != tc.temporary {
				t.Errorf("IsTemporary = %v", !tc.temporary)
			}
			if want := strconv.Itoa(tc.code); se.Code != want {
				t.Errorf("Code = %q, want %q", se.Code, want)
			}
			if srv.Count() != 0 {
				t.Errorf("server accepted %d messages", srv.Count())
			}
			// The fault was for one command: the next try goes through.
			if err := s.Send(context.Background(), testMessage()); err != nil {
				t.Errorf("second Send: %v", err)
			}
		})
	}
}

func TestSMTPSenderConnectionFailuresAreTemporary(t *testing.T) {
	t.Run("refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		_ = ln.Close()
		cfg, _ := notify.ParseSMTPURL("smtp://" + addr + "?starttls=off&timeout=5s")
		s, err := notify.NewSMTPSender(cfg, "noreply@example.org")
		if err != nil {
			t.Fatal(err)
		}
		se := sendErr(t, s.Send(context.Background(), testMessage()))
		if !se.Temporary || !strings.Contains(se.Reply, "connection refused") {
			t.Errorf("got temporary=%v reply=%q", se.Temporary, se.Reply)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		srv := smtptest.New(t, smtptest.Options{Silent: true})
		s := sender(t, srv, func(c *notify.SMTPConfig) { c.Timeout = 300 * time.Millisecond })
		start := time.Now()
		se := sendErr(t, s.Send(context.Background(), testMessage()))
		if !se.Temporary || !strings.Contains(se.Reply, "timeout") {
			t.Errorf("got temporary=%v reply=%q", se.Temporary, se.Reply)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("timing out took %v", d)
		}
	})
	t.Run("STARTTLS required but not offered", func(t *testing.T) {
		srv := smtptest.New(t, smtptest.Options{})
		s := sender(t, srv, func(c *notify.SMTPConfig) { c.TLS = notify.TLSStartTLS })
		se := sendErr(t, s.Send(context.Background(), testMessage()))
		if !se.Temporary || !strings.Contains(se.Reply, "STARTTLS") {
			t.Errorf("got temporary=%v reply=%q", se.Temporary, se.Reply)
		}
		if srv.Count() != 0 {
			t.Error("the message went out without TLS")
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		srv := smtptest.New(t, smtptest.Options{TLS: smtptest.Implicit})
		s := sender(t, srv, func(c *notify.SMTPConfig) { c.TLSConfig = nil })
		se := sendErr(t, s.Send(context.Background(), testMessage()))
		if !se.Temporary || !strings.Contains(se.Reply, "certificate") {
			t.Errorf("got temporary=%v reply=%q", se.Temporary, se.Reply)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		// A 5xx while setting up the session concerns the config, not the message: it is
		// retried (and given up after the attempts), not failed at once.
		srv := smtptest.New(t, smtptest.Options{TLS: smtptest.StartTLS, Username: "kitacert", Password: "right"})
		s := sender(t, srv, func(c *notify.SMTPConfig) { c.Password = "wrong-secret" })
		se := sendErr(t, s.Send(context.Background(), testMessage()))
		if !se.Temporary || !strings.HasPrefix(se.Reply, "535") {
			t.Errorf("got temporary=%v reply=%q", se.Temporary, se.Reply)
		}
		if strings.Contains(se.Error(), "wrong-secret") || strings.Contains(fmt.Sprint(se.Err), "wrong-secret") {
			t.Errorf("error shows the password: %v", se)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		srv := smtptest.New(t, smtptest.Options{})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		se := sendErr(t, sender(t, srv).Send(ctx, testMessage()))
		if !se.Temporary || srv.Count() != 0 {
			t.Errorf("got temporary=%v reply=%q, %d sent", se.Temporary, se.Reply, srv.Count())
		}
	})
}

func TestSMTPSenderRefusesBadMessages(t *testing.T) {
	srv := smtptest.New(t, smtptest.Options{})
	s := sender(t, srv)
	for name, mutate := range map[string]func(*notify.Message){
		"no recipient":      func(m *notify.Message) { m.To = "" },
		"invalid recipient": func(m *notify.Message) { m.To = "kein-at-zeichen" },
		"header injection":  func(m *notify.Message) { m.To = "a@example.org>\r\nBcc: b@example.org" },
		"no Message-ID":     func(m *notify.Message) { m.MessageID = "" },
		"no body":           func(m *notify.Message) { m.Text, m.HTML = "", "" },
	} {
		m := testMessage()
		mutate(&m)
		se := sendErr(t, s.Send(context.Background(), m))
		if se.Temporary {
			t.Errorf("%s: temporary, want permanent (%q)", name, se.Reply)
		}
		if strings.Contains(se.Error(), "example.org") {
			t.Errorf("%s: error names the address: %q", name, se.Error())
		}
	}
	if srv.Count() != 0 {
		t.Errorf("server got %d messages", srv.Count())
	}
}

func TestNewSMTPSenderChecksFrom(t *testing.T) {
	cfg, _ := notify.ParseSMTPURL("smtp://127.0.0.1:25?starttls=off")
	if _, err := notify.NewSMTPSender(cfg, "kein Absender"); err == nil {
		t.Error("NewSMTPSender accepted an invalid sender address")
	}
	if _, err := notify.NewSMTPSender(notify.SMTPConfig{}, "noreply@example.org"); err == nil {
		t.Error("NewSMTPSender accepted a config without host")
	}
	if _, err := notify.NewSMTPSender(cfg, "noreply@example.org"); err == nil || !strings.Contains(err.Error(), "timeout") {
		t.Errorf("NewSMTPSender without timeout = %v, want it refused (no default of its own)", err)
	}
	cfg.Timeout = 7 * time.Second
	s, err := notify.NewSMTPSender(cfg, "noreply@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if s.Config().Timeout != cfg.Timeout {
		t.Errorf("Timeout = %v, want the one given", s.Config().Timeout)
	}
}

// TestSMTPTestServerAwait: Await returns as soon as a message the condition waits for has
// arrived (woken by the arrival, not by a timer), and reports false when the bound passes
// without it.
func TestSMTPTestServerAwait(t *testing.T) {
	srv := smtptest.New(t, smtptest.Options{})
	s := sender(t, srv)
	sent := make(chan error, 1)
	go func() { sent <- s.Send(context.Background(), testMessage()) }()
	msgs, ok := srv.Await(10*time.Second, func(m []smtptest.Message) bool { return len(m) == 1 })
	if !ok || len(msgs) != 1 {
		t.Fatalf("Await = %d messages, %v; want the one sent", len(msgs), ok)
	}
	if err := <-sent; err != nil {
		t.Fatal(err)
	}
	if msgs, ok := srv.Await(10*time.Millisecond, func(m []smtptest.Message) bool { return len(m) == 2 }); ok || len(msgs) != 1 {
		t.Errorf("Await for a message never sent = %d messages, %v; want 1, false", len(msgs), ok)
	}
}
