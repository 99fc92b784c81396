package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestOneShotCommandCreatesNoDatabase: `kitacert tokens issue` where there is no database
// creates none and says which one it looked at.
func TestOneShotCommandCreatesNoDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kitacert.db")
	kv := map[string]string{"KITACERT_DATABASE_URL": "sqlite:" + path}
	for _, args := range [][]string{
		{"tokens", "issue", "--email", "admin@example.org"},
		{"users", "disable", "--email", "admin@example.org"},
		{"sweep", "--dry-run"},
	} {
		err := run(context.Background(), args, envOf(kv), strings.NewReader(""), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "keine Datenbank") {
			t.Errorf("%v: err = %v, want one naming %s", args, err, path)
		}
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("%v created %s", args, path)
		}
	}
}

// TestOneShotCommandNamesItsDatabase: an unknown account is reported with the database
// that was searched.
func TestOneShotCommandNamesItsDatabase(t *testing.T) {
	url := storetest.URL(t, store.SQLite)
	kv := map[string]string{"KITACERT_DATABASE_URL": url}
	if err := run(context.Background(), []string{"migrate"}, envOf(kv), strings.NewReader(""), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"tokens", "issue", "--email", "niemand@example.org"}, envOf(kv), strings.NewReader(""), io.Discard, io.Discard)
	path := strings.TrimPrefix(url, "sqlite:")
	if err == nil || !strings.Contains(err.Error(), "Nicht gefunden") || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want not found in %s", err, path)
	}
}

// TestFreshStartIsReady: right after the first start (no sweep yet) /readyz answers 200
// with status "ok", as the README says.
func TestFreshStartIsReady(t *testing.T) {
	s := startServe(t, map[string]string{"KITACERT_DATABASE_URL": storetest.URL(t, store.SQLite)})
	code, body := s.get(t, "/readyz")
	checks, _ := body["checks"].(map[string]any)
	if code != 200 || body["status"] != "ok" || checks["sweep"] != "ok" || checks["blobs"] != "ok" {
		t.Fatalf("readyz = %d %v", code, body)
	}
}

// TestNotReadyWithoutBlobStore: a blob store that does not answer makes /readyz 503 with
// checks.blobs, so that a load balancer sends no uploads to this replica.
func TestNotReadyWithoutBlobStore(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	s := startServe(t, map[string]string{"KITACERT_DATABASE_URL": storetest.URL(t, store.SQLite),
		"KITACERT_BLOB_URL": "s3://kitacert?endpoint=http://127.0.0.1:1&region=eu-central-1&use_path_style=true"})
	code, body := s.get(t, "/readyz")
	checks, _ := body["checks"].(map[string]any)
	if code != 503 || checks["blobs"] != "unreachable" || checks["database"] != "ok" {
		t.Fatalf("readyz = %d %v", code, body)
	}
}

// TestPublicURLFollowsAddr: without KITACERT_PUBLIC_URL the links point at the address
// kitacert listens on; an explicit KITACERT_PUBLIC_URL wins.
func TestPublicURLFollowsAddr(t *testing.T) {
	for _, c := range []struct{ addr, set, want string }{
		{":8080", "", "http://localhost:8080"},
		{":9090", "", "http://localhost:9090"},
		{"0.0.0.0:9090", "", "http://localhost:9090"},
		{"[::]:9091", "", "http://localhost:9091"},
		{"127.0.0.1:9092", "", "http://127.0.0.1:9092"},
		{"kitacert.local:9093", "", "http://kitacert.local:9093"},
		{":9090", "https://kitacert.example.org", "https://kitacert.example.org"},
	} {
		cfg := loadConfig(envOf(map[string]string{"KITACERT_ADDR": ":8080", "KITACERT_PUBLIC_URL": c.set}))
		cfg.Addr = c.addr // as `serve --addr` does
		if err := cfg.validate(); err != nil {
			t.Fatal(err)
		}
		if cfg.PublicURL != c.want {
			t.Errorf("addr %q, KITACERT_PUBLIC_URL %q: public URL %q, want %q", c.addr, c.set, cfg.PublicURL, c.want)
		}
	}
}

// TestPoolAndTimeoutSettings: KITACERT_DATABASE_MAX_CONNS and KITACERT_REQUEST_TIMEOUT are
// read and checked; a bad value names its variable.
func TestPoolAndTimeoutSettings(t *testing.T) {
	cfg := loadConfig(envOf(map[string]string{"KITACERT_DATABASE_MAX_CONNS": "40", "KITACERT_REQUEST_TIMEOUT": "3s"}))
	if err := cfg.validate(); err != nil || cfg.DatabaseMaxConns != 40 || cfg.RequestTimeout.String() != "3s" {
		t.Fatalf("max conns %d, timeout %s, err %v", cfg.DatabaseMaxConns, cfg.RequestTimeout, err)
	}
	for name, v := range map[string]string{"KITACERT_DATABASE_MAX_CONNS": "1", "KITACERT_REQUEST_TIMEOUT": "forever"} {
		err := run(context.Background(), []string{"serve"}, envOf(map[string]string{name: v}), strings.NewReader(""), io.Discard, io.Discard)
		if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: err = %v, want a usage error naming it", name, v, err)
		}
	}
}
