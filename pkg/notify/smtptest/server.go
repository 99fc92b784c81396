// Package smtptest runs an in-process SMTP server for tests (github.com/emersion/go-smtp):
// it listens on 127.0.0.1 on a free port, records the messages it accepts and can be told
// to answer the next MAIL, RCPT or end-of-DATA commands with an error such as 451 or 550.
// It speaks plain SMTP, STARTTLS or implicit TLS with a self-signed certificate for
// 127.0.0.1, and optionally requires AUTH PLAIN.
package smtptest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"mime"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// TLS says how the server secures connections.
type TLS int

// The server's TLS modes.
const (
	Plain    TLS = iota // no TLS: the client must use starttls=off
	StartTLS            // STARTTLS offered (and required before AUTH)
	Implicit            // TLS from the first byte (smtps://)
)

// Options configure a Server. The zero value is a plain server without AUTH.
type Options struct {
	TLS      TLS
	Username string // when set, MAIL is refused until the client authenticated with AUTH PLAIN
	Password string
	// Silent makes the server accept connections and never answer: a client times out.
	Silent bool
}

// Message is one message the server accepted.
type Message struct {
	From      string
	To        []string
	Data      []byte // the raw message as received
	MessageID string // the Message-ID header, with its angle brackets
	Subject   string // the Subject header, MIME-decoded
	Auth      string // the user name the client authenticated as, or ""
}

// Command names the commands a fault can answer.
type Command string

// The commands a fault can answer.
const (
	Mail Command = "MAIL"
	Rcpt Command = "RCPT"
	Data Command = "DATA" // the reply to the end of the message data
)

type fault struct {
	left int
	err  *smtp.SMTPError
}

// Server is a running test SMTP server.
type Server struct {
	// Addr is the server's "127.0.0.1:port".
	Addr string

	opts    Options
	srv     *smtp.Server
	ln      net.Listener
	certDER []byte
	done    chan struct{}

	mu       sync.Mutex
	arrived  chan struct{} // closed and replaced whenever a message is accepted (Await)
	messages []Message
	refused  []Message // whose end of DATA a fault answered
	faults   map[Command]*fault
	rejected int
	conns    []net.Conn // of a Silent server
}

// Start starts a server with opts on 127.0.0.1:0.
func Start(opts Options) (*Server, error) {
	s := &Server{opts: opts, faults: map[Command]*fault{}, done: make(chan struct{}), arrived: make(chan struct{})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.Addr = ln.Addr().String()
	if opts.Silent {
		s.ln = ln
		go s.acceptSilently()
		return s, nil
	}
	srv := smtp.NewServer(smtp.BackendFunc(s.newSession))
	srv.Domain = "smtptest.local"
	srv.ReadTimeout = 30 * time.Second
	srv.WriteTimeout = 30 * time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.MaxRecipients = 50
	srv.EnableSMTPUTF8 = true
	srv.ErrorLog = discardLogger{}
	if opts.TLS != Plain {
		cert, der, err := selfSigned()
		if err != nil {
			_ = ln.Close()
			return nil, err
		}
		s.certDER = der
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		if opts.TLS == Implicit {
			ln = tls.NewListener(ln, srv.TLSConfig)
		}
	}
	s.srv, s.ln = srv, ln
	go func() {
		defer close(s.done)
		_ = srv.Serve(ln)
	}()
	return s, nil
}

// New starts a server for a test and closes it when the test ends.
func New(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s, err := Start(opts)
	if err != nil {
		tb.Fatalf("smtptest: %v", err)
	}
	tb.Cleanup(s.Close)
	return s
}

// Close stops the server and closes its connections.
func (s *Server) Close() {
	if s.srv != nil {
		_ = s.srv.Close()
		_ = s.ln.Close() // in case Close came before Serve took the listener
		<-s.done
		return
	}
	_ = s.ln.Close()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		_ = c.Close()
	}
}

// Host returns "127.0.0.1".
func (s *Server) Host() string { h, _, _ := net.SplitHostPort(s.Addr); return h }

// Port returns the port the server listens on.
func (s *Server) Port() int { _, p, _ := net.SplitHostPort(s.Addr); n, _ := strconv.Atoi(p); return n }

// URL returns a KITACERT_SMTP_URL for the server, with the server's credentials if it has
// any: smtp://…?starttls=off, smtp://… (STARTTLS) or smtps://….
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.Addr}
	switch s.opts.TLS {
	case Plain:
		u.RawQuery = "starttls=off"
	case Implicit:
		u.Scheme = "smtps"
	}
	if s.opts.Username != "" {
		u.User = url.UserPassword(s.opts.Username, s.opts.Password)
	}
	return u.String()
}

// ClientTLSConfig returns a TLS config that trusts the server's certificate (nil for a
// Plain server).
func (s *Server) ClientTLSConfig() *tls.Config {
	if s.certDER == nil {
		return nil
	}
	cert, err := x509.ParseCertificate(s.certDER)
	if err != nil {
		return nil
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

// FailNext makes the server answer the next n cmd commands with code and text, e.g.
// FailNext(smtptest.Data, 1, 451, "4.3.0 Bitte später erneut versuchen"). A text that
// starts with an enhanced status code ("4.3.0 ") sends it as such. It replaces an earlier
// FailNext for cmd.
func (s *Server) FailNext(cmd Command, n int, code int, text string) {
	e := &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCodeNotSet, Message: text}
	if m := enhancedRE.FindStringSubmatch(text); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		e.EnhancedCode = smtp.EnhancedCode{a, b, c}
		e.Message = m[4]
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[cmd] = &fault{left: n, err: e}
}

var enhancedRE = regexp.MustCompile(`^([245])\.(\d{1,3})\.(\d{1,3}) (.*)$`)

// Messages returns a copy of the messages accepted so far, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, len(s.messages))
	copy(out, s.messages)
	return out
}

// Await waits until cond holds for the messages accepted so far: it checks at once and
// again each time the server accepts a message, never on a timer. It returns the messages
// it saw last and whether cond held; false means that timeout passed first (a bound for a
// test that would otherwise hang, not a way to order anything).
func (s *Server) Await(timeout time.Duration, cond func([]Message) bool) ([]Message, bool) {
	limit := time.NewTimer(timeout)
	defer limit.Stop()
	for {
		s.mu.Lock()
		msgs := make([]Message, len(s.messages))
		copy(msgs, s.messages)
		arrived := s.arrived
		s.mu.Unlock()
		if cond(msgs) {
			return msgs, true
		}
		select {
		case <-arrived:
		case <-limit.C:
			return msgs, false
		}
	}
}

// Refused returns a copy of the messages whose data the server received but refused
// at the end of DATA because of a FailNext(Data, …) fault.
func (s *Server) Refused() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, len(s.refused))
	copy(out, s.refused)
	return out
}

// Count returns how many messages the server accepted.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.messages)
}

// Rejected returns how many commands were answered by a FailNext fault.
func (s *Server) Rejected() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rejected
}

// Reset forgets the accepted and refused messages and the pending faults.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages, s.refused, s.faults, s.rejected = nil, nil, map[Command]*fault{}, 0
}

// take returns the error of a pending fault for cmd, if any.
func (s *Server) take(cmd Command) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults[cmd]
	if f == nil || f.left <= 0 {
		return nil
	}
	f.left--
	s.rejected++
	return f.err
}

func (s *Server) acceptSilently() {
	defer close(s.done)
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns = append(s.conns, c)
		s.mu.Unlock()
	}
}

func (s *Server) newSession(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }

type session struct {
	s    *Server
	user string
	from string
	to   []string
}

var _ smtp.AuthSession = (*session)(nil)

func (se *session) AuthMechanisms() []string {
	if se.s.opts.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (se *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain || se.s.opts.Username == "" {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(_, username, password string) error {
		if username != se.s.opts.Username || password != se.s.opts.Password {
			return smtp.ErrAuthFailed
		}
		se.user = username
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if se.s.opts.Username != "" && se.user == "" {
		return smtp.ErrAuthRequired
	}
	if err := se.s.take(Mail); err != nil {
		return err
	}
	se.from = from
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := se.s.take(Rcpt); err != nil {
		return err
	}
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m := Message{From: se.from, To: append([]string(nil), se.to...), Data: raw, Auth: se.user}
	if parsed, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
		m.MessageID = parsed.Header.Get("Message-Id")
		subj := parsed.Header.Get("Subject")
		if dec, err := new(mime.WordDecoder).DecodeHeader(subj); err == nil {
			subj = dec
		}
		m.Subject = subj
	}
	if err := se.s.take(Data); err != nil {
		se.s.mu.Lock()
		se.s.refused = append(se.s.refused, m)
		se.s.mu.Unlock()
		return err
	}
	se.s.mu.Lock()
	se.s.messages = append(se.s.messages, m)
	close(se.s.arrived) // wakes every Await
	se.s.arrived = make(chan struct{})
	se.s.mu.Unlock()
	return nil
}

func (se *session) Reset() { se.from, se.to = "", nil }

func (se *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 valid for a day.
func selfSigned() (tls.Certificate, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "smtptest"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, der, nil
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...interface{}) {}
func (discardLogger) Println(...interface{})        {}
