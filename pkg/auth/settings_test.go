package auth_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/auth/authtest"
)

// TestSettingsRefused: pkg/auth has no defaults; every missing value is named, and
// NewService refuses settings that Validate refuses.
func TestSettingsRefused(t *testing.T) {
	if err := authtest.Settings().Validate(); err != nil {
		t.Fatalf("the test settings: %v", err)
	}
	for name, change := range map[string]func(*auth.Settings){
		"SessionLifetime":  func(s *auth.Settings) { s.SessionLifetime = 0 },
		"SessionIdle":      func(s *auth.Settings) { s.SessionIdle = 0 },
		"LoginWindow":      func(s *auth.Settings) { s.LoginWindow = 0 },
		"TouchEvery":       func(s *auth.Settings) { s.TouchEvery = 0 },
		"TokenValid":       func(s *auth.Settings) { s.TokenValid = 0 },
		"MaxFailsPerEmail": func(s *auth.Settings) { s.MaxFailsPerEmail = 0 },
		"MaxFailsPerAddr":  func(s *auth.Settings) { s.MaxFailsPerAddr = 0 },
		"PrincipalTTL":     func(s *auth.Settings) { s.PrincipalTTL = -time.Second },
	} {
		s := authtest.Settings()
		change(&s)
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s missing: %v, want an error naming it", name, err)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewService without %s did not refuse", name)
				}
			}()
			auth.NewService(nil, nil, s)
		}()
	}
	off := authtest.Settings()
	off.PrincipalTTL = 0 // no cache: allowed
	if err := off.Validate(); err != nil {
		t.Errorf("PrincipalTTL 0: %v", err)
	}
}
