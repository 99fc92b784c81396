package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/demo"
	"github.com/kitacert/kitacert/pkg/notify"
)

// mailLinkPath is the page a step mail links the demo Kita leader to: the page of their
// Kita's center (notify.StatusPagePath).
func mailLinkPath(t *testing.T, s *site) string {
	t.Helper()
	rep, err := s.svc.Status.KitaStatus(sys, *s.users[access.RoleKitaLeader].KitaID)
	if err != nil || rep.Center == nil {
		t.Fatalf("the demo Kita leader's Kita has no center: %v", err)
	}
	return strings.Replace(notify.StatusPagePath, "{center_id}", rep.Center.ID.String(), 1)
}

// TestBrowserKitaLeaderMailLink: the Kita leader opens the link of a mail (the center
// page), is sent to the login, signs in, lands back on the page, sees the next step, hands
// in the evidence with its button there, sees the new state, and signs out.
func TestBrowserKitaLeaderMailLink(t *testing.T) {
	c := newChrome(t)
	eachDB(t, func(t *testing.T, s *site) {
		link := mailLinkPath(t, s)
		tb := c.tab(t, listen(t, s), "kita_leader")
		tb.open(link, http.StatusOK) // 303 to the login form
		if p := tb.path(); p != "/login?next="+url.QueryEscape(link) {
			t.Fatalf("the mail link went to %s, want the login with next", p)
		}
		tb.login(s.users[access.RoleKitaLeader].Email, demo.Password)
		if p := tb.path(); p != link {
			t.Errorf("after login at %s, want %s", p, link)
		}
		tb.mustSee("Wo stehen wir?", "Nächster Schritt", cert.StateRegistered.Label())
		if n := eval[int](tb, `document.querySelectorAll('section[aria-labelledby="h-next"] form[action$="/step"] button[type=submit]').length`); n == 0 {
			t.Fatalf("no step button under Nächster Schritt")
		}
		tb.step(cert.ActSubmitEvidence, nil, http.StatusOK)
		if p := tb.path(); p != link+"?hinweis=erledigt" {
			t.Errorf("after the step at %s, want back on %s", p, link)
		}
		tb.mustSee(cert.StateEvidenceSubmitted.Label())
		tb.logout()
	})
}

// TestBrowserCoordinator: the coordinator signs in, sees the start page, signs out.
func TestBrowserCoordinator(t *testing.T) {
	c := newChrome(t)
	eachDB(t, func(t *testing.T, s *site) {
		tb := c.tab(t, listen(t, s), "coordinator")
		tb.open("/", http.StatusOK) // to the login
		tb.login(s.users[access.RoleCoordinator].Email, demo.Password)
		tb.mustSee("Willkommen, "+s.users[access.RoleCoordinator].DisplayName, "Koordination")
		tb.logout()
		tb.mustSee("abgemeldet")
	})
}

// focused describes the focused element and whether its focus can be seen.
type focused struct {
	Tag, ID, Text, Href string
	InNav, Visible      bool
}

// focus reads document.activeElement: a visible focus has an outline or a box shadow.
func focus(tb *tab) focused {
	tb.t.Helper()
	return eval[focused](tb, `(() => {
		const e = document.activeElement, s = getComputedStyle(e);
		return {Tag: e.tagName, ID: e.id, Text: (e.innerText || e.value || '').trim().slice(0, 40),
			Href: e.getAttribute('href') || '',
			InNav: !!e.closest('nav[aria-label="Hauptnavigation"]'),
			Visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'};
	})()`)
}

// press sends keys to the focused element.
func (tb *tab) press(keys string) {
	tb.t.Helper()
	tb.run(fmt.Sprintf("press %q", keys), chromedp.KeyEvent(keys))
}

// tabTo presses Tab until want holds for the focused element (at most n times); every
// element on the way must show its focus.
func (tb *tab) tabTo(what string, n int, want func(focused) bool) focused {
	tb.t.Helper()
	for range n {
		tb.press(kb.Tab)
		f := focus(tb)
		if !f.Visible {
			tb.t.Errorf("focus on %s %q (%s) cannot be seen", f.Tag, f.Text, f.ID)
		}
		if want(f) {
			return f
		}
	}
	tb.t.Fatalf("%d times Tab did not reach %s", n, what)
	return focused{}
}

// TestBrowserKeyboardOnly: with the keyboard alone, a coordinator reaches the skip link,
// fills in and sends the login form, and opens a page of the main navigation; the focus
// can be seen on every element on the way.
func TestBrowserKeyboardOnly(t *testing.T) {
	c := newChrome(t)
	eachDB(t, func(t *testing.T, s *site) {
		tb := c.tab(t, listen(t, s), "keyboard")
		tb.open("/login", http.StatusOK)
		f := tb.tabTo("the skip link", 1, func(f focused) bool { return f.Href == "#inhalt" })
		if f.Text != "Zum Inhalt springen" {
			t.Errorf("first Tab: %q, want the skip link", f.Text)
		}
		tb.press(kb.Enter)
		tb.tabTo("the e-mail field", 3, func(f focused) bool { return f.ID == "f-email" })
		tb.press(s.users[access.RoleCoordinator].Email)
		tb.tabTo("the password field", 1, func(f focused) bool { return f.ID == "f-password" })
		tb.press(demo.Password)
		tb.submit("Enter in the login form", http.StatusOK, chromedp.KeyEvent(kb.Enter))
		if p := tb.path(); p != "/" {
			t.Fatalf("after the login at %s, want /", p)
		}
		f = tb.tabTo("a link of the main navigation", 20, func(f focused) bool { return f.InNav })
		tb.submit("Enter on "+f.Href, http.StatusOK, chromedp.KeyEvent(kb.Enter))
		if p := tb.path(); p != f.Href {
			t.Errorf("Enter on the navigation link %s: at %s", f.Href, p)
		}
	})
}
