package notify_test

import (
	"testing"

	"github.com/kitacert/kitacert/pkg/notify"
)

// TestParseSignatureRequiresOrganisation: the package has no default organisation; an
// empty (or blank) one is refused, a given one is kept with its address lines.
func TestParseSignatureRequiresOrganisation(t *testing.T) {
	for _, o := range []string{"", "  "} {
		if _, err := notify.ParseSignature(o, "", "", ""); err == nil {
			t.Errorf("ParseSignature(%q) accepted an empty organisation", o)
		}
	}
	s, err := notify.ParseSignature(" Servicestelle ", "Musterstraße 1| |44135 Dortmund", "", "")
	if err != nil || s.Organisation != "Servicestelle" || len(s.Address) != 2 {
		t.Errorf("ParseSignature = %+v, %v", s, err)
	}
}
