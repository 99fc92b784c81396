package web

import (
	"strings"

	"github.com/kitacert/kitacert/pkg/access"
)

// navItem is one entry of the main navigation.
type navItem struct {
	Label, Href string
	Current     bool
}

// navEntries are the main navigation, each shown to the roles that have some scope of
// its action (the policy table decides, as for the pages themselves).
var navEntries = []struct {
	label, href string
	need        access.Action
}{
	{"Start", "/", ""},
	{"Verfahren", "/procedures", access.ProcedureRead},
	{"Gütesiegel", "/seals", access.SealRead},
	{"Familienzentren", "/centers", access.CenterRead},
	{"Kitas", "/kitas", access.KitaRead},
	{"Träger", "/providers", access.ProviderRead},
	{"Jugendämter", "/youth-offices", access.YouthOfficeRead},
	{"Kontakte", "/contacts", access.ContactRead},
	{"Benachrichtigungen", "/notifications", access.NotificationRead},
	{"Protokoll", "/audit", access.AuditRead},
	{"Benutzer", "/admin/users", access.UserManage},
}

// navFor returns the navigation of p, marking the entry of the current path. Only pages
// that exist (registered GET routes) are linked.
func navFor(p access.Principal, current string, exists map[string]bool) []navItem {
	var out []navItem
	for _, e := range navEntries {
		if !exists[e.href] || (e.need != "" && p.ScopeOf(e.need) == access.None) {
			continue
		}
		cur := current == e.href || (e.href != "/" && strings.HasPrefix(current, e.href+"/"))
		out = append(out, navItem{Label: e.label, Href: e.href, Current: cur})
	}
	return out
}
