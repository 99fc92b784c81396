package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// TLSMode says how the connection to the SMTP server is secured.
type TLSMode string

// The TLS modes of KITACERT_SMTP_URL.
const (
	TLSImplicit TLSMode = "implicit" // smtps://: TLS from the first byte, port 465 by default
	TLSStartTLS TLSMode = "starttls" // smtp://: STARTTLS required, port 587 by default
	TLSOff      TLSMode = "off"      // smtp://…?starttls=off: plain text, port 25 by default; a local relay or a test sink
)

// SMTPConfig says how to reach the SMTP server. Its String, GoString and LogValue forms
// never show the password, so a config may be logged or printed with %v.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string // empty: no SMTP AUTH
	Password string
	TLS      TLSMode
	Timeout  time.Duration // connecting and each command; required by NewSMTPSender (> 0)
	// TLSConfig, when set, replaces the default TLS settings, e.g. to trust a private CA
	// (tests do). ServerName defaults to Host. Not settable from the URL.
	TLSConfig *tls.Config
}

// ParseSMTPURL reads KITACERT_SMTP_URL:
//
//	smtps://user:pass@host:465           implicit TLS
//	smtp://user:pass@host:587            STARTTLS, required: a server without it is an error
//	smtp://host:25?starttls=off          no TLS, for a local relay or a test sink
//
// The optional parameter timeout (a Go duration, e.g. timeout=10s) bounds connecting and
// each command. User name and password are percent-decoded. Credentials are refused with
// starttls=off: they would cross the network in clear text. Errors name what is wrong and
// never repeat the password.
func ParseSMTPURL(raw string) (SMTPConfig, error) {
	var cfg SMTPConfig
	if strings.TrimSpace(raw) == "" {
		return cfg, errors.New("smtp URL is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error repeats the whole URL, password included: report only its cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return cfg, fmt.Errorf("smtp URL is not a valid URL: %v", err)
	}
	switch u.Scheme {
	case "smtps":
		cfg.TLS = TLSImplicit
	case "smtp":
		cfg.TLS = TLSStartTLS
	case "":
		return cfg, errors.New("smtp URL has no scheme: use smtps://host:465 (implicit TLS) or smtp://host:587 (STARTTLS)")
	default:
		return cfg, fmt.Errorf("smtp URL has scheme %q: use smtps:// (implicit TLS) or smtp:// (STARTTLS, or ?starttls=off)", u.Scheme)
	}
	if u.Opaque != "" {
		return cfg, errors.New("smtp URL needs a host: write smtp://host, not smtp:host")
	}
	cfg.Host = u.Hostname()
	if cfg.Host == "" {
		return cfg, errors.New("smtp URL has no host")
	}
	if u.Path != "" && u.Path != "/" {
		return cfg, fmt.Errorf("smtp URL takes no path, got %q", u.Path)
	}
	if u.Fragment != "" {
		return cfg, errors.New("smtp URL takes no #fragment")
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return cfg, fmt.Errorf("smtp URL has a malformed query: %v", err)
	}
	for key, vals := range q {
		if len(vals) != 1 {
			return cfg, fmt.Errorf("smtp URL parameter %q is given %d times", key, len(vals))
		}
		val := vals[0]
		switch key {
		case "starttls":
			switch {
			case cfg.TLS == TLSImplicit:
				return cfg, errors.New("smtp URL: starttls does not apply to smtps:// (TLS from the start); use smtp:// for STARTTLS")
			case val == "off":
				cfg.TLS = TLSOff
			case val == "required":
				cfg.TLS = TLSStartTLS
			default:
				return cfg, fmt.Errorf("smtp URL: starttls wants off or required, got %q", val)
			}
		case "timeout":
			d, err := time.ParseDuration(val)
			if err != nil || d <= 0 {
				return cfg, fmt.Errorf("smtp URL: timeout wants a positive duration such as 30s, got %q", val)
			}
			cfg.Timeout = d
		default:
			return cfg, fmt.Errorf("smtp URL: unknown parameter %q (known: starttls, timeout)", key)
		}
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return cfg, fmt.Errorf("smtp URL: port wants a number from 1 to 65535, got %q", p)
		}
		cfg.Port = n
	} else {
		cfg.Port = defaultSMTPPort(cfg.TLS)
	}
	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.Password, _ = u.User.Password()
		switch {
		case cfg.Username == "" && cfg.Password == "":
			// "smtp://@host" or "smtp://:@host": no credentials
		case cfg.Username == "":
			return cfg, errors.New("smtp URL has a password but no user name")
		case cfg.Password == "":
			return cfg, errors.New("smtp URL has a user name but no password: write smtp://user:password@host")
		case cfg.TLS == TLSOff:
			return cfg, errors.New("smtp URL: user and password with starttls=off would travel unencrypted; use STARTTLS or smtps://, or a relay without login")
		}
	}
	return cfg, nil
}

func defaultSMTPPort(m TLSMode) int {
	switch m {
	case TLSImplicit:
		return 465
	case TLSOff:
		return 25
	default:
		return 587
	}
}

// String returns the config as a URL for logs: the password is replaced by "***", and a
// user name that is an e-mail address keeps only its domain.
func (c SMTPConfig) String() string {
	var b strings.Builder
	if c.TLS == TLSImplicit {
		b.WriteString("smtps://")
	} else {
		b.WriteString("smtp://")
	}
	if c.Username != "" {
		user := c.Username
		if at := strings.LastIndexByte(user, '@'); at >= 0 {
			user = "***" + user[at:]
		}
		b.WriteString(user)
		b.WriteString(":***@")
	}
	b.WriteString(net.JoinHostPort(c.Host, strconv.Itoa(c.Port)))
	var params []string
	if c.TLS == TLSOff {
		params = append(params, "starttls=off")
	}
	if c.Timeout > 0 {
		params = append(params, "timeout="+c.Timeout.String())
	}
	if len(params) > 0 {
		b.WriteString("?" + strings.Join(params, "&"))
	}
	return b.String()
}

// GoString is String, so that %#v does not print the password either.
func (c SMTPConfig) GoString() string { return "notify.SMTPConfig(" + c.String() + ")" }

// LogValue makes slog log the redacted String form.
func (c SMTPConfig) LogValue() slog.Value { return slog.StringValue(c.String()) }

// SMTPSender delivers e-mails over SMTP with github.com/wneessen/go-mail, one connection
// per message. It is safe for concurrent use.
type SMTPSender struct {
	cfg    SMTPConfig
	from   *mail.Address
	client *gomail.Client
}

// NewSMTPSender returns a sender that sends as from (KITACERT_SMTP_FROM: an address, with
// or without a display name, e.g. "Familienzentrum NRW <noreply@example.org>"). cfg.Timeout
// is required: a config without one is refused, not given a default.
func NewSMTPSender(cfg SMTPConfig, from string) (*SMTPSender, error) {
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("smtp sender address: want an address such as noreply@example.org or \"Name <noreply@example.org>\": %v", err)
	}
	if cfg.Host == "" {
		return nil, errors.New("smtp config has no host")
	}
	if cfg.Port == 0 {
		cfg.Port = defaultSMTPPort(cfg.TLS)
	}
	if cfg.Timeout <= 0 {
		return nil, fmt.Errorf("smtp config: timeout is %v, want > 0", cfg.Timeout)
	}
	if cfg.Username != "" && cfg.TLS == TLSOff {
		return nil, errors.New("smtp config: user and password without TLS would travel unencrypted")
	}
	tlsConf := &tls.Config{MinVersion: tls.VersionTLS12}
	if cfg.TLSConfig != nil {
		tlsConf = cfg.TLSConfig.Clone()
	}
	if tlsConf.ServerName == "" {
		tlsConf.ServerName = cfg.Host
	}
	opts := []gomail.Option{
		gomail.WithPort(cfg.Port),
		gomail.WithTimeout(cfg.Timeout),
		gomail.WithTLSConfig(tlsConf),
	}
	switch cfg.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL(), gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSStartTLS, "":
		cfg.TLS = TLSStartTLS
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSOff:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		return nil, fmt.Errorf("smtp config: unknown TLS mode %q", cfg.TLS)
	}
	if cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
	}
	client, err := gomail.NewClient(cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp client: %w", err)
	}
	return &SMTPSender{cfg: cfg, from: addr, client: client}, nil
}

// Config returns the sender's config (print it: its String form hides the password).
func (s *SMTPSender) Config() SMTPConfig { return s.cfg }

// Send delivers m as a multipart/alternative mail (plain text and HTML) with m.MessageID as
// its Message-ID. Failures are *SendError: replies 4xx, timeouts, refused or broken
// connections and failures while setting up the session (greeting, EHLO, STARTTLS, AUTH,
// whatever their code: they concern the server or the config, not this message) are
// temporary; 5xx replies to MAIL FROM, RCPT TO and the message data are permanent, and so
// is a message that cannot be built (e.g. an invalid recipient address). Reply holds the
// server's reply ("550 5.1.1 …") or a short description; it never holds the password.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	msg, err := s.build(m)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return &SendError{Temporary: true, Reply: "not sent: " + err.Error(), Err: err}
	}
	c, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return classifySMTP(ctx, "connect", err, true)
	}
	defer func() { _ = c.Close() }()

	// Each command gets the configured timeout, or less when ctx ends sooner.
	step := func() error { return c.UpdateDeadline(s.timeout(ctx)) }
	if err := step(); err != nil {
		return classifySMTP(ctx, "connect", err, true)
	}
	if err := c.Mail(s.from.Address); err != nil {
		return classifySMTP(ctx, "MAIL FROM", err, false)
	}
	if err := step(); err != nil {
		return classifySMTP(ctx, "RCPT TO", err, false)
	}
	if err := c.Rcpt(m.To); err != nil {
		return classifySMTP(ctx, "RCPT TO", err, false)
	}
	if err := step(); err != nil {
		return classifySMTP(ctx, "DATA", err, false)
	}
	w, err := c.Data()
	if err != nil {
		return classifySMTP(ctx, "DATA", err, false)
	}
	if _, err := msg.WriteTo(w); err != nil {
		return classifySMTP(ctx, "DATA", err, false)
	}
	if err := step(); err != nil {
		return classifySMTP(ctx, "end of DATA", err, false)
	}
	// The reply to the end of the data is where the server takes the message over.
	if err := w.Close(); err != nil {
		return classifySMTP(ctx, "end of DATA", err, false)
	}
	_ = c.Quit() // delivered; a failing QUIT changes nothing
	return nil
}

// timeout is the time the next command may take: the configured timeout, or what is left
// of ctx's deadline (at least a millisecond, so that an expired ctx fails at once).
func (s *SMTPSender) timeout(ctx context.Context) time.Duration {
	d := s.cfg.Timeout
	if dl, ok := ctx.Deadline(); ok {
		d = max(min(d, time.Until(dl)), time.Millisecond)
	}
	return d
}

// build assembles the mail; its errors are permanent and name no address.
func (s *SMTPSender) build(m Message) (*gomail.Msg, error) {
	permanent := func(reply string, err error) error {
		return &SendError{Temporary: false, Reply: reply, Err: err}
	}
	if m.To == "" {
		return nil, permanent("no recipient address", nil)
	}
	if m.MessageID == "" {
		return nil, permanent("no Message-ID", nil)
	}
	if m.Text == "" && m.HTML == "" {
		return nil, permanent("empty message", nil)
	}
	if _, err := mail.ParseAddress(m.To); err != nil || strings.ContainsAny(m.To, "<>\r\n") {
		return nil, permanent("invalid recipient address", err)
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.SetMessageIDWithValue(strings.TrimSuffix(strings.TrimPrefix(m.MessageID, "<"), ">"))
	msg.FromMailAddress(s.from)
	if err := msg.AddToFormat(m.ToName, m.To); err != nil {
		return nil, permanent("invalid recipient address", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	// RFC 3834: keeps auto-responders (out-of-office replies) quiet.
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	if m.Text != "" {
		msg.SetBodyString(gomail.TypeTextPlain, m.Text)
		if m.HTML != "" {
			msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
		}
	} else {
		msg.SetBodyString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// classifySMTP turns an SMTP failure at stage into a *SendError. setup is true for the
// failures before MAIL FROM: those are always temporary.
func classifySMTP(ctx context.Context, stage string, err error, setup bool) *SendError {
	wrapped := fmt.Errorf("smtp %s: %w", stage, err)
	var tpe *textproto.Error
	switch {
	case ctx.Err() != nil:
		return &SendError{Temporary: true, Unreachable: errors.Is(ctx.Err(), context.DeadlineExceeded),
			Reply: stage + ": aborted: " + ctx.Err().Error(), Err: wrapped}
	case errors.As(err, &tpe):
		reply := fmt.Sprintf("%03d %s", tpe.Code, strings.ReplaceAll(tpe.Msg, "\n", " / "))
		return &SendError{Temporary: setup || tpe.Code/100 != 5, Reply: reply, Code: fmt.Sprintf("%03d", tpe.Code), Err: wrapped}
	case isTimeout(err):
		return &SendError{Temporary: true, Unreachable: true, Reply: stage + ": timeout", Err: wrapped}
	case errors.Is(err, syscall.ECONNREFUSED):
		return &SendError{Temporary: true, Unreachable: true, Reply: stage + ": connection refused", Err: wrapped}
	default:
		// Dial, DNS, TLS and broken connections: worth another try later.
		return &SendError{Temporary: true, Unreachable: true, Reply: stage + ": " + err.Error(), Err: wrapped}
	}
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

var _ Sender = (*SMTPSender)(nil)
