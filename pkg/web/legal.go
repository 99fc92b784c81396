package web

import "net/http"

// legalPage is what the Impressum, Datenschutz and Barrierefreiheit pages show.
type legalPage struct {
	Site Site
	Text []string // paragraphs of the operator's text; empty: not yet provided
}

// accessibility shows the Erklärung zur Barrierefreiheit with the feedback contact
// (BITV NRW §§ 4–5).
func (p *Pages) accessibility(r *request) error {
	return r.render(http.StatusOK, "accessibility", "Erklärung zur Barrierefreiheit", legalPage{Site: p.cfg.Site})
}

// imprint shows the Impressum the operator configured.
func (p *Pages) imprint(r *request) error {
	return r.render(http.StatusOK, "legal", "Impressum", legalPage{Site: p.cfg.Site, Text: paragraphs(p.cfg.Site.Imprint)})
}

// privacy shows the Datenschutzerklärung the operator configured.
func (p *Pages) privacy(r *request) error {
	return r.render(http.StatusOK, "legal", "Datenschutz", legalPage{Site: p.cfg.Site, Text: paragraphs(p.cfg.Site.Privacy)})
}
