// Package authtest gives tests of other packages complete account settings: pkg/auth has
// no defaults of its own (kitacert's config owns them).
package authtest

import (
	"time"

	"github.com/kitacert/kitacert/pkg/auth"
)

// Settings are the config's values (cmd/kitacert/tuning.go and KITACERT_TOKEN_CACHE_TTL),
// the token cache on as in serve.
func Settings() auth.Settings {
	return auth.Settings{SessionLifetime: 12 * time.Hour, SessionIdle: 2 * time.Hour, LoginWindow: 15 * time.Minute,
		MaxFailsPerEmail: 5, MaxFailsPerAddr: 20, TouchEvery: time.Minute, TokenValid: 90 * 24 * time.Hour,
		PrincipalTTL: 10 * time.Second}
}
