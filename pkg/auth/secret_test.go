package auth

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("richtig-langes-passwort")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(h, "richtig") {
		t.Fatalf("hash %q", h)
	}
	if !VerifyPassword(h, "richtig-langes-passwort") {
		t.Error("right password refused")
	}
	for _, bad := range []string{"", "richtig-langes-passwor", "Richtig-langes-passwort"} {
		if VerifyPassword(h, bad) {
			t.Errorf("wrong password %q accepted", bad)
		}
	}
	h2, _ := HashPassword("richtig-langes-passwort")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, broken := range []string{"", "$argon2id$", "$bcrypt$x$y$z$w", h[:len(h)-5]} {
		if VerifyPassword(broken, "richtig-langes-passwort") {
			t.Errorf("broken hash %q accepted", broken)
		}
	}
}

func TestSecrets(t *testing.T) {
	a, _ := newSecret(TokenPrefix)
	b, _ := newSecret(TokenPrefix)
	if a == b || checkTokenShape(a) != nil || len(a) != 46 {
		t.Fatalf("tokens %q %q", a, b)
	}
	if checkTokenShape("kc_short") == nil || checkTokenShape("xx_"+a[3:]) == nil {
		t.Error("bad token shapes accepted")
	}
	if HashSecret(a) == HashSecret(b) || len(HashSecret(a)) != 64 || strings.Contains(HashSecret(a), a) {
		t.Error("secret hashes")
	}
}

// TestDummyHashCostsLikeARealOne: the hash checked for unknown logins has the parameters
// and the shape of a real one (so refusing takes as long) and accepts no password.
func TestDummyHashCostsLikeARealOne(t *testing.T) {
	h, err := HashPassword("richtig-langes-passwort")
	if err != nil {
		t.Fatal(err)
	}
	got, dummy := strings.Split(h, "$"), strings.Split(dummyHash, "$")
	if len(dummy) != len(got) || dummy[3] != got[3] || len(dummy[4]) != len(got[4]) || len(dummy[5]) != len(got[5]) {
		t.Fatalf("dummy hash %q is shaped unlike a real one %q", dummyHash, h)
	}
	for _, pw := range []string{"", "kitacert-dummy-password", "richtig-langes-passwort"} {
		if VerifyPassword(dummyHash, pw) {
			t.Errorf("dummy hash accepts %q", pw)
		}
	}
}
