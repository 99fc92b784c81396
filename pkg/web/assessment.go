package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// assessmentView is the assessment form of a procedure: every criterion of its catalogue
// version by area, with the sums the service's scoring gives.
type assessmentView struct {
	P          cert.Procedure
	CenterName string
	Catalogue  cert.Catalogue
	Areas      []assessmentArea
	Score      cert.Score
	Total      int // points of all areas
	Editable   bool
	Version    string // the findings shown, as a fingerprint: saving over newer ones is refused
	Form       formState
	Preview    bool // the sums of values not yet saved
}

// assessmentArea is one area of the catalogue with its criteria and its result.
type assessmentArea struct {
	cert.Area
	Items []assessmentCriterion
	Score cert.AreaScore
}

// assessmentCriterion is one criterion with its finding.
type assessmentCriterion struct {
	cert.Criterion
	Met   bool
	Note  string
	Group string // how the criterion's group counts, in German ("" when ungrouped)
	Error string
}

// assessmentPage shows a procedure's findings: a form for assessors, read-only for others.
func (p *Pages) assessmentPage(r *request) error {
	pr, cat, err := p.assessmentOf(r)
	if err != nil {
		return err
	}
	a, err := p.svc.Assessments.Get(r.ctx(), pr.ID)
	if err != nil {
		return err
	}
	return p.renderAssessment(r, http.StatusOK, pr, cat, a.Items, a.Score, formState{}, false)
}

// assessmentSave previews the sums of the ticked criteria (preview=1, htmx as you tick)
// or saves the findings; saving over findings someone changed meanwhile is refused (409).
func (p *Pages) assessmentSave(r *request) error {
	pr, cat, err := p.assessmentOf(r)
	if err != nil {
		return err
	}
	form, _ := r.FormParams()
	items := formItems(cat, form)
	if r.FormValue("preview") == "1" {
		score, err := cat.Score(items)
		if err != nil {
			return err
		}
		return p.renderAssessment(r, http.StatusOK, pr, cat, items, score, formState{}, true)
	}
	current, err := p.svc.Assessments.Get(r.ctx(), pr.ID)
	if err != nil {
		return err
	}
	if form.Get("version") != findingsVersion(cat, current.Items) {
		return p.renderAssessment(r, http.StatusConflict, pr, cat, current.Items, current.Score, formState{Stale: true}, false)
	}
	if _, err = p.svc.Assessments.Put(r.ctx(), pr.ID, items); err == nil {
		return r.redirect("/procedures/"+pr.ID.String()+"/assessment", "gespeichert")
	}
	st, ok := formError(err)
	if !ok {
		return err
	}
	score, _ := cat.Score(items)
	return p.renderAssessment(r, st.formStatus(), pr, cat, items, score, itemFields(st, items), false)
}

// assessmentOf reads the procedure of the route and its catalogue version.
func (p *Pages) assessmentOf(r *request) (cert.Procedure, cert.Catalogue, error) {
	pr, err := p.procedureOf(r)
	if err != nil {
		return pr, cert.Catalogue{}, err
	}
	cat, err := p.svc.Catalogues.Get(r.ctx(), pr.CatalogueVersion)
	return pr, cat, err
}

// renderAssessment renders the assessment page with the findings items and their score.
func (p *Pages) renderAssessment(r *request, status int, pr cert.Procedure, cat cert.Catalogue, items []cert.AssessmentItem,
	score cert.Score, st formState, preview bool) error {
	v := assessmentView{P: pr, CenterName: p.centerName(r, pr.CenterID), Catalogue: cat, Score: score, Form: st, Preview: preview,
		Editable: r.can(access.ProcedureAssess) && pr.State.Open(), Version: findingsVersion(cat, items)}
	if r.Request().Method == http.MethodPost && !st.Stale {
		v.Version = r.FormValue("version") // a form shown again keeps the version it was based on
	}
	found := map[string]cert.AssessmentItem{}
	for _, it := range items {
		found[it.Code] = it
	}
	groups := groupTexts(cat)
	for i, a := range cat.Areas {
		area := assessmentArea{Area: a}
		if i < len(score.Areas) {
			area.Score = score.Areas[i]
			v.Total += score.Areas[i].Points
		}
		for _, c := range a.Criteria {
			it := found[c.Code]
			area.Items = append(area.Items, assessmentCriterion{Criterion: c, Met: it.Met, Note: it.Note, Group: groups[c.Code],
				Error: st.Errors["note-"+c.Code]})
		}
		v.Areas = append(v.Areas, area)
	}
	return r.render(status, "assessment", "Bewertung – "+v.CenterName, v)
}

// formItems reads the findings of the form: a finding for every criterion of the
// catalogue, met when its box "met" is ticked, with its note.
func formItems(cat cert.Catalogue, form url.Values) []cert.AssessmentItem {
	met := map[string]bool{}
	for _, c := range form["met"] {
		met[c] = true
	}
	var out []cert.AssessmentItem
	for _, a := range cat.Areas {
		for _, c := range a.Criteria {
			out = append(out, cert.AssessmentItem{Code: c.Code, Met: met[c.Code], Note: strings.TrimSpace(form.Get("note-" + c.Code))})
		}
	}
	return out
}

// findingsVersion fingerprints findings in the catalogue's order, so that the same
// findings give the same version whether they were stored by a page or by the API.
func findingsVersion(cat cert.Catalogue, items []cert.AssessmentItem) string {
	found := map[string]cert.AssessmentItem{}
	for _, it := range items {
		found[it.Code] = it
	}
	h := sha256.New()
	for _, a := range cat.Areas {
		for _, c := range a.Criteria {
			it := found[c.Code]
			h.Write([]byte(c.Code + "\x00" + strconv.FormatBool(it.Met) + "\x00" + strings.TrimSpace(it.Note) + "\n"))
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// itemFields names the service's fields criteria[i].… by the form's note-CODE.
func itemFields(st formState, items []cert.AssessmentItem) formState {
	out := formState{Errors: map[string]string{}, Problem: st.Problem, Stale: st.Stale}
	for _, m := range st.Summary {
		name := m.Field
		if rest, ok := strings.CutPrefix(name, "criteria["); ok {
			if i, err := strconv.Atoi(rest[:max(strings.IndexByte(rest, ']'), 0)]); err == nil && i < len(items) {
				name = "note-" + items[i].Code
			}
		}
		out.Errors[name] = m.Message
		out.Summary = append(out.Summary, fieldMessage{Field: name, Message: m.Message})
	}
	return out
}

// groupTexts says, for every grouped criterion, how its group counts.
func groupTexts(cat cert.Catalogue) map[string]string {
	out := map[string]string{}
	for _, g := range cat.Groups {
		all := strings.Join(g.Criteria, ", ")
		text := "Gruppe " + all + ": Punkte nur, wenn alle erfüllt sind."
		if g.Rule == cert.RuleOr {
			text = "Gruppe " + all + ": es zählt nur das beste erfüllte Kriterium."
		}
		for _, c := range g.Criteria {
			out[c] = text
		}
	}
	return out
}
