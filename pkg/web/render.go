package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

//go:embed templates
var templateFiles embed.FS

// templates holds one parsed set per page: the layout, the partials and the page itself.
type templates struct {
	pages map[string]*template.Template
}

// parseTemplates parses templates/layout.html and templates/partials/*.html once, then each
// templates/pages/NAME.html on a clone of them.
func parseTemplates(loc *time.Location) (*templates, error) {
	base, err := template.New("").Funcs(funcs(loc)).ParseFS(templateFiles, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	names, err := fs.Glob(templateFiles, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, n := range names {
		c, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := c.ParseFS(templateFiles, n); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		t.pages[strings.TrimSuffix(path.Base(n), ".html")] = c
	}
	return t, nil
}

// view is what every page template gets: the layout's parts and the page's Data.
type view struct {
	Title     string
	Me        *me // nil: nobody signed in
	CSRF      string
	Nav       []navItem
	Path      string
	Notice    string // a confirmation after a redirect (?hinweis=…)
	RequestID string
	Scripts   []string // scripts of this page beyond the layout's (deferred, from /assets/)
	Data      any
}

// me is the signed-in user as the layout shows them.
type me struct {
	Name, Email string
	Role        access.Role
	RoleLabel   string
}

// RoleLabels name the roles in German.
var RoleLabels = map[access.Role]string{
	access.RoleAdmin:       "Administration",
	access.RoleCoordinator: "Servicestelle (Koordination)",
	access.RoleAssessor:    "Zertifizierungsstelle (Begutachtung)",
	access.RoleYouthOffice: "Jugendamt (Jugendhilfeplanung)",
	access.RoleKitaLeader:  "Kita-Leitung",
}

// notices are the confirmations a page may show after a redirect, by key.
var notices = map[string]string{
	"abgemeldet":   "Sie haben sich abgemeldet.",
	"gespeichert":  "Die Änderungen sind gespeichert.",
	"angelegt":     "Der Eintrag ist angelegt.",
	"archiviert":   "Der Eintrag ist archiviert.",
	"erledigt":     "Der Schritt ist erledigt.",
	"passwort":     "Ihr Passwort ist geändert.",
	"widerrufen":   "Das Token ist widerrufen.",
	"erneut":       "Die Nachricht wird erneut versendet.",
	"angemeldet":   "Sie sind angemeldet.",
	"sitzung-ende": "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
	// the questionnaire
	"antwort":     "Die Antwort ist gespeichert.",
	"hochgeladen": "Das Dokument ist hochgeladen.",
	"ersetzt":     "Die neue Fassung des Dokuments ist hochgeladen.",
	"geloescht":   "Das Dokument ist gelöscht.",
	"geprueft":    "Die Prüfung ist gespeichert.",
	// the report and the issued documents
	"ausgestellt": "Das korrigierte Qualitätsprofil ist als neue Fassung ausgestellt.",
}

// newView fills the layout's parts for r.
func (r *request) newView(title string, data any) *view {
	v := &view{Title: title, Path: r.Request().URL.Path, Data: data, Notice: notices[r.QueryParam("hinweis")]}
	v.RequestID = r.Response().Header().Get("X-Request-Id")
	if r.signedIn {
		v.Me = &me{Name: r.me.DisplayName, Email: r.me.Email, Role: r.me.Role, RoleLabel: RoleLabels[r.me.Role]}
		v.CSRF = r.csrf
		v.Nav = navFor(r.who, v.Path, r.p.pageExists)
	}
	return v
}

// render writes the page name with data, under the title, with the status.
func (r *request) render(status int, name, title string, data any) error {
	return r.p.write(r, status, name, r.newView(title, data))
}

// write executes a page into a buffer first, so that a failing template gives an error
// page instead of half a page.
func (p *Pages) write(r *request, status int, name string, v *view) error {
	t, ok := p.tmpl.pages[name]
	if !ok {
		return cert.Errorf(cert.EINTERNAL, "web: no page template %q", name)
	}
	entry := "layout"
	if r.Request().Header.Get("HX-Request") == "true" && r.Request().Header.Get("HX-Target") != "" && t.Lookup("fragment") != nil {
		entry = "fragment" // htmx asks for the part of the page it replaces
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, entry, v); err != nil {
		return cert.Errorf(cert.EINTERNAL, "web: render %s: %v", name, err)
	}
	r.Response().Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.Request().Method == http.MethodHead {
		r.Response().WriteHeader(status)
		return nil
	}
	r.Response().WriteHeader(status)
	_, err := r.Response().Write(buf.Bytes())
	return err
}

// redirect answers a form with 303 See Other to target, with a notice key.
func (r *request) redirect(target, notice string) error {
	if notice != "" {
		sep := "?"
		if strings.Contains(target, "?") {
			sep = "&"
		}
		target += sep + "hinweis=" + notice
	}
	if r.Request().Header.Get("HX-Request") == "true" {
		r.Response().Header().Set("HX-Redirect", target)
		return r.NoContent(http.StatusNoContent)
	}
	return r.Redirect(http.StatusSeeOther, target)
}
