package auth

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// TestPrincipalCacheLookupBeforeForget: a lookup that read the database before a token was
// forgotten does not put the old state back into the cache.
func TestPrincipalCacheLookupBeforeForget(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	c := newPrincipalCache(10*time.Second, 10)
	tok := uuid.New()
	e := cachedPrincipal{principal: access.Principal{UserID: uuid.New()}, tokenID: tok}
	epoch := c.begin() // the lookup starts reading …
	c.forgetToken(tok) // … the token is revoked meanwhile …
	c.put("h", e, epoch, now)
	if _, ok := c.get("h", now); ok {
		t.Fatal("a lookup older than the revocation was cached")
	}
	c.put("h", e, c.begin(), now)
	if _, ok := c.get("h", now); !ok {
		t.Fatal("a fresh lookup was not cached")
	}
	if _, ok := c.get("h", now.Add(10*time.Second)); ok {
		t.Fatal("an entry outlived its TTL")
	}
	c.forgetUser(e.principal.UserID)
	if _, ok := c.get("h", now); ok {
		t.Fatal("the user's token survived forgetUser")
	}
}

// TestPrincipalCacheBounded: a full cache drops expired entries first, else everything,
// and never holds more than its bound.
func TestPrincipalCacheBounded(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	c := newPrincipalCache(10*time.Second, 3)
	c.put("old", cachedPrincipal{}, c.begin(), now.Add(-time.Minute))
	c.put("a", cachedPrincipal{}, c.begin(), now)
	c.put("b", cachedPrincipal{}, c.begin(), now)
	c.put("c", cachedPrincipal{}, c.begin(), now) // full: "old" has expired and goes
	if len(c.by) != 3 {
		t.Fatalf("%d entries, want 3", len(c.by))
	}
	if _, ok := c.by["old"]; ok {
		t.Fatal("the expired entry was kept")
	}
	c.put("d", cachedPrincipal{}, c.begin(), now) // full of fresh entries: start again
	if len(c.by) != 1 {
		t.Fatalf("%d entries, want 1", len(c.by))
	}
}
