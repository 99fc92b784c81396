package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/demo"
)

// TestBrowserCrawl signs in as each demo role through the login form in chromium, opens
// the start page, follows every link of the main navigation and, on each of those pages,
// the first link into a detail page below it; anonymously it opens the login page, the
// pages of the footer and an unknown path. Every page is checked (browser_test.go: axe,
// console and CSP, status, weight). Nothing is hard-coded: pages merged later are found
// through the navigation. The start page of each role is saved as a screenshot. On
// PostgreSQL, where the demo data and so the markup are the same, axe and the weight are
// left out to keep the suite fast; status, console and CSP are checked on both.
func TestBrowserCrawl(t *testing.T) {
	c := newChrome(t)
	eachDB(t, func(t *testing.T, s *site) {
		base := listen(t, s)
		light := strings.HasSuffix(t.Name(), "/postgres")
		anon := c.tab(t, base, "anonymous")
		anon.noAxe = light
		anon.open("/login", http.StatusOK)
		for _, l := range anon.links("footer a") {
			anon.open(l, http.StatusOK)
		}
		anon.open("/gibt-es-nicht", http.StatusNotFound)
		anon.mustSee("Seite nicht gefunden")

		for _, role := range access.Roles {
			tb := c.tab(t, base, string(role))
			tb.noAxe = light
			tb.open("/login", http.StatusOK)
			tb.login(s.users[role].Email, demo.Password)
			if p := tb.path(); p != "/" {
				t.Errorf("%s: after login at %s, want /", role, p)
			}
			tb.screenshot("start-" + string(role))
			seen := map[string]bool{"/": true}
			for _, nav := range tb.links(`nav[aria-label="Hauptnavigation"] a`) {
				if seen[nav] {
					continue
				}
				seen[nav] = true
				tb.open(nav, http.StatusOK)
				if d := firstDetail(tb, nav); d != "" && !seen[d] {
					seen[d] = true
					tb.open(d, http.StatusOK)
				}
			}
			t.Logf("%s: %d pages crawled", role, len(seen))
		}
	})
}

// firstDetail is the first link in the main area of the list page at list that leads
// below it (a detail page, not the form for a new entry), or "".
func firstDetail(tb *tab, list string) string {
	prefix := strings.TrimSuffix(list, "/") + "/"
	for _, l := range tb.links("main a[href]") {
		if strings.HasPrefix(l, prefix) && l != prefix+"new" {
			return l
		}
	}
	return ""
}
