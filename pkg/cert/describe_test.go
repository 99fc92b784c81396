package cert

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestDescribeIsGerman: Describe gives the German message and the field messages of a
// domain error without its English code, and a German sentence for any other error.
func TestDescribeIsGerman(t *testing.T) {
	var v Validation
	v.Add("evidence_due_on", "Darf nicht in der Vergangenheit liegen.")
	cases := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{NotFound("Verfahren"), "Verfahren nicht gefunden."},
		{fmt.Errorf("wrapped: %w", v.Err()), "evidence_due_on: Darf nicht in der Vergangenheit liegen."},
		{errors.New("dial tcp: connection refused"), "Ein technischer Fehler ist aufgetreten; Einzelheiten stehen im Protokoll."},
	}
	for _, c := range cases {
		got := Describe(c.err)
		if !strings.Contains(got, c.want) || (c.want == "" && got != "") {
			t.Errorf("Describe(%v) = %q, want it to contain %q", c.err, got, c.want)
		}
		for _, english := range []string{"invalid:", "not_found:", "wrapped", "dial tcp"} {
			if strings.Contains(got, english) {
				t.Errorf("Describe(%v) = %q contains %q", c.err, got, english)
			}
		}
	}
}
