package auth

import (
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// principalCacheSize bounds the cached tokens; a full cache drops its expired entries,
// else everything.
const principalCacheSize = 10_000

// principalCache keeps resolved bearer tokens for a short while, so that a request with a
// token costs no query. Revoking a token or changing its user (role, scope, disabling,
// password) in this process forgets them at once; another process (a second replica, the
// CLI) is seen after the TTL at the latest.
type principalCache struct {
	ttl time.Duration
	max int

	mu    sync.Mutex
	epoch uint64 // moves on every forget: a lookup that began before it is not stored
	by    map[string]cachedPrincipal
}

// cachedPrincipal is a token as it was resolved.
type cachedPrincipal struct {
	principal access.Principal
	tokenID   uuid.UUID
	expiresAt *time.Time // the token's own expiry
	lastUsed  *time.Time // the token's last_used_at as stored
	until     time.Time  // cached until
}

func newPrincipalCache(ttl time.Duration, max int) *principalCache {
	return &principalCache{ttl: ttl, max: max, by: map[string]cachedPrincipal{}}
}

// get returns the entry of a token hash while it is fresh.
func (c *principalCache) get(hash string, now time.Time) (cachedPrincipal, bool) {
	if c == nil {
		return cachedPrincipal{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.by[hash]
	if !ok || !now.Before(e.until) {
		return cachedPrincipal{}, false
	}
	return e, true
}

// begin returns the epoch to pass to put: take it before reading the database.
func (c *principalCache) begin() uint64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.epoch
}

// put stores e unless something was forgotten since begin returned epoch: what the
// lookup read may be older than the change that was forgotten.
func (c *principalCache) put(hash string, e cachedPrincipal, epoch uint64, now time.Time) {
	if c == nil {
		return
	}
	e.until = now.Add(c.ttl)
	c.mu.Lock()
	defer c.mu.Unlock()
	if epoch != c.epoch {
		return
	}
	if _, ok := c.by[hash]; !ok && len(c.by) >= c.max {
		for h, old := range c.by {
			if !now.Before(old.until) {
				delete(c.by, h)
			}
		}
		if len(c.by) >= c.max {
			clear(c.by)
		}
	}
	c.by[hash] = e
}

// forget drops the entries for which drop says so and moves the epoch.
func (c *principalCache) forget(drop func(cachedPrincipal) bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	for h, e := range c.by {
		if drop(e) {
			delete(c.by, h)
		}
	}
}

// forgetToken drops a revoked token.
func (c *principalCache) forgetToken(id uuid.UUID) {
	c.forget(func(e cachedPrincipal) bool { return e.tokenID == id })
}

// forgetUser drops every token of a changed user.
func (c *principalCache) forgetUser(id uuid.UUID) {
	c.forget(func(e cachedPrincipal) bool { return e.principal.UserID == id })
}
