package cert

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/google/uuid"
)

// TestMaskIsKeyed: the marker of a masked value changes with the value but cannot be
// recomputed from a guess (review finding: a plain hash was a lookup table).
func TestMaskIsKeyed(t *testing.T) {
	v := "vorname.nachname@kita.example.org"
	first, again := mask(v), mask(v)
	if first != again || first == mask(v+"x") || mask("") != "" {
		t.Fatal("mask must be stable per value and differ between values")
	}
	plain := sha256.Sum256([]byte(v))
	for _, guess := range []string{"•••" + hex.EncodeToString(plain[:])[:8], "•••" + uuid.NewSHA1(uuid.NameSpaceOID, []byte(v)).String()[:8]} {
		if mask(v) == guess {
			t.Fatalf("mask(%q) equals an unkeyed hash", v)
		}
	}
}
