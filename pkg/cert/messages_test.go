package cert

import (
	"strings"
	"testing"
)

// TestDomainMessagesGerman: messages about a value outside a list of codes read as German
// sentences in the validator's phrasing (codes quoted as API values, with German labels);
// the composition rules name roles by their German labels, not by codes (issue 8 review).
func TestDomainMessagesGerman(t *testing.T) {
	if got, want := NotAllowed("single (Einzel-Familienzentrum)", "network (Verbund)"),
		"Kein zulässiger Wert; möglich sind „single“ (Einzel-Familienzentrum) oder „network“ (Verbund)."; got != want {
		t.Errorf("notAllowed:\n got %q\nwant %q", got, want)
	}
	msgs := func(err error) []string {
		t.Helper()
		e, ok := err.(*Error)
		if !ok {
			t.Fatalf("want *Error, got %v", err)
		}
		var out []string
		for _, f := range e.Fields {
			out = append(out, f.Message)
		}
		return out
	}
	var all []string
	all = append(all, msgs(Center{Kind: "x", Name: "FZ"}.Validate())...)
	all = append(all, msgs(Center{Kind: CenterNetwork, Name: "FZ", Members: []Membership{
		{KitaID: NewID(), Role: RoleContact}, {KitaID: NewID(), Role: RoleContact}, {KitaID: NewID(), Role: "x"},
		{KitaID: NewID(), Role: RoleMember}, {KitaID: NewID(), Role: RoleMember}, {KitaID: NewID(), Role: RoleMember},
	}}.CheckComposition("members"))...)
	all = append(all, msgs(Contact{Salutation: "x"}.Validate())...)
	all = append(all, msgs(YouthOffice{Name: "Jugendamt", Region: "x"}.Validate())...)
	for _, want := range []string{
		"Kein zulässiger Wert; möglich sind „single“ (Einzel-Familienzentrum) oder „network“ (Verbund).",
		"Kein zulässiger Wert; möglich sind „grant_recipient“ (Zuschussempfängerin), „contact“ (Kontakt-Kita) oder „member“ (Mitglied).",
		"Genau eine Kita muss Zuschussempfängerin sein.",
		"Höchstens eine Kita kann Kontakt-Kita sein.",
		"Ein Verbund hat höchstens fünf Kitas; mehr nur mit einer begründeten Ausnahme von der Größe.",
		"Kein zulässiger Wert; möglich sind „frau“ (Frau), „herr“ (Herr) oder „“ (keine Anrede).",
		"Kein zulässiger Wert; möglich sind „rheinland“ (Rheinland) oder „westfalen_lippe“ (Westfalen-Lippe).",
	} {
		found := false
		for _, m := range all {
			found = found || m == want
		}
		if !found {
			t.Errorf("missing message %q in %q", want, all)
		}
	}
	for _, m := range all {
		for _, bad := range []string{"erlaubt sind", "Erlaubt sind", "(grant_recipient)", "(contact)", "size_exception_reason"} {
			if strings.Contains(m, bad) {
				t.Errorf("message %q contains %q", m, bad)
			}
		}
	}
}
