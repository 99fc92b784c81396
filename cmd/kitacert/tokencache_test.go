package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// TestTokenCacheSetting: KITACERT_TOKEN_CACHE_TTL is 10s unless set, 0s turns the cache
// off, and a value outside 0s … 1m names its variable.
func TestTokenCacheSetting(t *testing.T) {
	for v, want := range map[string]time.Duration{"": 10 * time.Second, "0s": 0, "30s": 30 * time.Second} {
		env := map[string]string{}
		if v != "" {
			env["KITACERT_TOKEN_CACHE_TTL"] = v
		}
		cfg := loadConfig(envOf(env))
		if err := cfg.validate(); err != nil || cfg.TokenCacheTTL != want {
			t.Errorf("%q: ttl %s, err %v; want %s", v, cfg.TokenCacheTTL, err, want)
		}
	}
	for _, v := range []string{"2m", "-1s", "bald"} {
		err := run(context.Background(), []string{"serve"}, envOf(map[string]string{"KITACERT_TOKEN_CACHE_TTL": v}), strings.NewReader(""), io.Discard, io.Discard)
		if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "KITACERT_TOKEN_CACHE_TTL") {
			t.Errorf("%s: err = %v, want a usage error naming KITACERT_TOKEN_CACHE_TTL", v, err)
		}
	}
}
