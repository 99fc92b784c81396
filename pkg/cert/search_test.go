package cert

import (
	"strings"
	"testing"
)

// found reports whether q finds name as the store does: a term is a substring of the key.
func found(name, q string) bool {
	key := SearchKey(name)
	for _, t := range SearchTerms(q) {
		if strings.Contains(key, t) {
			return true
		}
	}
	return false
}

func TestSearchFolding(t *testing.T) {
	for _, c := range []struct {
		name, q string
		want    bool
	}{
		{"Städtische Kita Sternstraße", "sternstrasse", true},
		{"Städtische Kita Sternstraße", "STERNSTRASSE", true},
		{"Städtische Kita Sternstraße", "Sternstraße", true},
		{"Städtische Kita Sternstraße", "staedtische", true},
		{"Städtische Kita Sternstraße", "stadtische", true},
		{"Familienzentrum Düsseldorf-Süd", "duesseldorf-sued", true},
		{"Familienzentrum Düsseldorf-Süd", "dusseldorf", true},
		{"Familienzentrum Du\u0308sseldorf", "Düsseldorf", true}, // NFD name, NFC query
		{"Familienzentrum Düsseldorf", "Du\u0308sseldorf", true}, // NFC name, NFD query
		{"Kita Übach", "übach", true},
		{"Kita Übach", "UEBACH", true},
		{"Café Kunterbunt", "cafe", true},
		{"GROSSE STRASSE", "große straße", true},
		{"Kita Duesseldorf", "Düsseldorf", true}, // spelt out in the name
		{"Blauer Elefant", "er el", true},        // a part that starts after "au"
		{"Kita Sonnenschein", "sternstrasse", false},
		{"Kita Musterstadt", "müster", true}, // ü also stands for u
	} {
		if got := found(c.name, c.q); got != c.want {
			t.Errorf("%q finds %q: %v, want %v (key %q, terms %q)", c.q, c.name, got, c.want, SearchKey(c.name), SearchTerms(c.q))
		}
	}
}
