package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// syncBuffer collects the output of a command running in another goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func envOf(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// server is a `kitacert serve` running in the background.
type server struct {
	token  string // sent as bearer token when set
	base   string
	cancel context.CancelFunc
	done   chan error
	logs   *syncBuffer
}

func startServe(t *testing.T, kv map[string]string, args ...string) *server {
	t.Helper()
	// The listener is open before serve starts and passed in: the port is never closed and
	// taken again, and a request made now waits in the backlog until serve answers it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	kv["KITACERT_ADDR"] = addr
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{base: "http://" + addr, cancel: cancel, done: make(chan error, 1), logs: &syncBuffer{}}
	e := env{getenv: envOf(kv), stdin: strings.NewReader(""), stdout: io.Discard, stderr: s.logs,
		listen: func(string) (net.Listener, error) { return ln, nil }}
	go func() { s.done <- runEnv(ctx, append([]string{"serve"}, args...), e) }()
	up := make(chan error, 1)
	go func() {
		c := http.Client{Timeout: 60 * time.Second}
		r, err := c.Get(s.base + "/healthz")
		if err == nil {
			r.Body.Close()
		}
		up <- err
	}()
	select {
	case err := <-s.done:
		cancel()
		ln.Close()
		t.Fatalf("serve ended early: %v\n%s", err, s.logs)
	case err := <-up:
		if err != nil {
			cancel()
			t.Fatalf("serve did not come up: %v\n%s", err, s.logs)
		}
	}
	t.Cleanup(func() { s.stop(t) })
	return s
}

// stop sends the equivalent of SIGTERM and waits for a clean exit.
func (s *server) stop(t *testing.T) {
	t.Helper()
	if s.cancel == nil {
		return
	}
	s.cancel()
	s.cancel = nil
	select {
	case err := <-s.done:
		if err != nil {
			t.Fatalf("serve returned %v after shutdown\n%s", err, s.logs)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop within 15 s")
	}
}

func (s *server) get(t *testing.T, path string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("GET", s.base+path, nil)
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(r.Body).Decode(&m)
	return r.StatusCode, m
}

func TestInvalidSettingsNameTheVariable(t *testing.T) {
	cases := map[string]map[string]string{
		"KITACERT_DATABASE_URL": {"KITACERT_DATABASE_URL": "mysql://x"},
		"KITACERT_ADDR":         {"KITACERT_ADDR": "8080"},
		"KITACERT_LOG_FORMAT":   {"KITACERT_LOG_FORMAT": "xml"},
		"KITACERT_LOG_LEVEL":    {"KITACERT_LOG_LEVEL": "loud"},
		"KITACERT_TIMEZONE":     {"KITACERT_TIMEZONE": "Mars/Olympus"},
		"KITACERT_MAIL_EMAIL":   {"KITACERT_MAIL_EMAIL": "servicestelle at example.org"},
		// the organisation has its default in the config only; a blank one is refused
		"KITACERT_MAIL_ORGANISATION": {"KITACERT_MAIL_ORGANISATION": "  "},
		// a routing file that does not load stops every command before the database is
		// touched (before, the domain service fell back to the defaults without a word)
		"KITACERT_ROUTING_FILE": {"KITACERT_ROUTING_FILE": filepath.Join(t.TempDir(), "fehlt.json")},
	}
	for name, kv := range cases {
		t.Run(name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := run(context.Background(), []string{"serve"}, envOf(kv), strings.NewReader(""), io.Discard, &stderr)
			if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), name) {
				t.Fatalf("err = %v, want a usage error naming %s", err, name)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestUnknownCommand(t *testing.T) {
	err := run(context.Background(), []string{"frobnicate"}, envOf(nil), strings.NewReader(""), io.Discard, io.Discard)
	if !errors.Is(err, errUsage) {
		t.Fatalf("err = %v, want usage error", err)
	}
}

// TestServeSQLite starts the service the way the README's first command does (an SQLite
// file, migrated on start), uses it, and stops it like SIGTERM would.
func TestServeSQLite(t *testing.T) {
	url := storetest.URL(t, store.SQLite)
	// The CLI below is another process as far as serve's token cache is concerned: without
	// the cache, its "users disable" takes effect with the next request.
	s := startServe(t, map[string]string{"KITACERT_DATABASE_URL": url, "KITACERT_LOG_FORMAT": "json", "KITACERT_TOKEN_CACHE_TTL": "0s"})
	if code, body := s.get(t, "/readyz"); code != 200 {
		t.Fatalf("readyz = %d %v", code, body)
	}
	if code, _ := s.get(t, "/api/v1/kitas"); code != 401 {
		t.Fatalf("anonymous GET /api/v1/kitas = %d, want 401", code)
	}
	kv := map[string]string{"KITACERT_DATABASE_URL": url}
	cli(t, kv, "correct horse battery staple\n", "users", "add", "--email", "Admin@Example.org", "--name", "Erste Admin", "--role", "admin", "--password-stdin")
	s.token = strings.TrimSpace(cli(t, kv, "", "tokens", "issue", "--email", "admin@example.org", "--expires", "30d"))
	if !strings.HasPrefix(s.token, "kc_") || strings.Contains(s.token, "\n") {
		t.Fatalf("tokens issue printed %q, want the token alone", s.token)
	}
	if code, body := s.get(t, "/api/v1/kitas"); code != 200 || body["items"] == nil {
		t.Fatalf("GET /api/v1/kitas = %d %v", code, body)
	}
	if code, body := s.get(t, "/api/v1/me"); code != 200 || body["role"] != "admin" || body["email"] != "Admin@Example.org" {
		t.Fatalf("GET /api/v1/me = %d %v", code, body)
	}
	cli(t, kv, "", "users", "disable", "--email", "admin@example.org")
	if code, _ := s.get(t, "/api/v1/me"); code != 401 {
		t.Fatalf("token of a disabled user: %d, want 401", code)
	}
	s.stop(t)
	logs := s.logs.String()
	for _, want := range []string{`"msg":"migration applied"`, `"msg":"listening"`, `"msg":"stopped"`, `"route":"/api/v1/kitas"`,
		"no users yet: create the first admin"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %s:\n%s", want, logs)
		}
	}
}

// TestServeDemoIsIdempotent loads the demo data twice into the same file.
func TestServeDemoIsIdempotent(t *testing.T) {
	url := storetest.URL(t, store.SQLite)
	count := func() int {
		kv := map[string]string{"KITACERT_DATABASE_URL": url}
		s := startServe(t, kv, "--demo")
		defer s.stop(t)
		if !strings.Contains(s.logs.String(), "koordination@example.org") {
			t.Fatalf("demo logins not in the log:\n%s", s.logs)
		}
		s.token = strings.TrimSpace(cli(t, kv, "", "tokens", "issue", "--email", "koordination@example.org"))
		n := 0
		cursor := ""
		for {
			_, body := s.get(t, "/api/v1/kitas?limit=500"+cursor)
			n += len(body["items"].([]any))
			next, ok := body["next_cursor"].(string)
			if !ok {
				return n
			}
			cursor = "&cursor=" + next
		}
	}
	first := count()
	if first < 40 {
		t.Fatalf("demo has %d Kitas, want about 50", first)
	}
	if second := count(); second != first {
		t.Fatalf("second --demo changed the Kita count from %d to %d", first, second)
	}
}

// TestPostgresSchemaBehind: serve refuses a PostgreSQL schema that is behind and names
// the fix; `kitacert migrate` applies the migrations; then serve starts.
func TestPostgresSchemaBehind(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		if d != store.Postgres {
			continue
		}
		url := storetest.URL(t, store.Postgres)
		kv := map[string]string{"KITACERT_DATABASE_URL": url, "KITACERT_ADDR": "127.0.0.1:0"}
		err := run(context.Background(), []string{"serve"}, envOf(kv), strings.NewReader(""), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "kitacert migrate") {
			t.Fatalf("serve on an empty PostgreSQL schema: err = %v, want a hint to run kitacert migrate", err)
		}
		var out bytes.Buffer
		if err := run(context.Background(), []string{"migrate"}, envOf(kv), strings.NewReader(""), &out, io.Discard); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		if !strings.Contains(out.String(), "applied 0001_master_data") {
			t.Fatalf("migrate output: %s", out.String())
		}
		s := startServe(t, kv)
		if code, _ := s.get(t, "/readyz"); code != 200 {
			t.Fatalf("readyz after migrate = %d", code)
		}
	}
}

// TestStartLogMasksSecrets checks that the database password never reaches the log.
func TestStartLogMasksSecrets(t *testing.T) {
	var logs bytes.Buffer
	kv := map[string]string{"KITACERT_DATABASE_URL": "postgres://kitacert:s3cr3t-pw@127.0.0.1:1/none?connect_timeout=1"}
	_ = run(context.Background(), []string{"serve"}, envOf(kv), strings.NewReader(""), io.Discard, &logs)
	if strings.Contains(logs.String(), "s3cr3t-pw") {
		t.Fatalf("password in log:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "xxxxx") {
		t.Fatalf("config not logged with masked password:\n%s", logs.String())
	}
}

// cli runs one kitacert command to completion and returns its standard output.
func cli(t *testing.T, kv map[string]string, stdin string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, envOf(kv), strings.NewReader(stdin), &out, &errOut); err != nil {
		t.Fatalf("kitacert %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}
