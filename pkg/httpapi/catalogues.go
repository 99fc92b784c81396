package httpapi

import (
	"context"
	"strings"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// catalogueIn turns a catalogue document into the domain type.
func catalogueIn(d api.CatalogueDocument) cert.Catalogue {
	c := cert.Catalogue{Version: d.Version, Title: d.Title, Illustrative: deref(d.Illustrative), Areas: make([]cert.Area, len(d.Areas))}
	for i, a := range d.Areas {
		area := cert.Area{Code: a.Code, Name: a.Name, Kind: cert.AreaKind(a.Kind), MinPoints: a.MinPoints,
			Criteria: make([]cert.Criterion, len(a.Criteria))}
		for j, cr := range a.Criteria {
			area.Criteria[j] = cert.Criterion{Code: cr.Code, Text: deref(cr.Text), Level: cert.Level(cr.Level), Points: cr.Points}
			if cr.Variants != nil {
				for _, v := range *cr.Variants {
					area.Criteria[j].Variants = append(area.Criteria[j].Variants, cert.Variant(v))
				}
			}
		}
		c.Areas[i] = area
	}
	for _, g := range deref(d.Groups) {
		c.Groups = append(c.Groups, cert.CriteriaGroup{Code: g.Code, Rule: cert.GroupRule(g.Rule), Criteria: g.Criteria})
	}
	return c
}

// catalogueOut renders a catalogue with its areas, criteria and groups.
func catalogueOut(c cert.Catalogue) api.Catalogue {
	illustrative := c.Illustrative
	groups := make([]api.CriteriaGroup, len(c.Groups))
	for i, g := range c.Groups {
		members := g.Criteria
		if members == nil {
			members = []string{}
		}
		groups[i] = api.CriteriaGroup{Code: g.Code, Rule: api.CriteriaGroupRule(g.Rule), Criteria: members}
	}
	out := api.Catalogue{Version: c.Version, Title: c.Title, Illustrative: &illustrative, LoadedAt: c.LoadedAt.UTC(),
		Areas: make([]api.CatalogueArea, len(c.Areas)), Groups: &groups}
	for i, a := range c.Areas {
		area := api.CatalogueArea{Code: a.Code, Name: a.Name, Kind: api.CatalogueAreaKind(a.Kind), MinPoints: a.MinPoints,
			Criteria: make([]api.Criterion, len(a.Criteria))}
		for j, cr := range a.Criteria {
			text := cr.Text
			area.Criteria[j] = api.Criterion{Code: cr.Code, Text: &text, Level: api.CriterionLevel(cr.Level), Points: cr.Points}
			if len(cr.Variants) > 0 {
				vs := make([]api.QuestionnaireVariant, len(cr.Variants))
				for k, v := range cr.Variants {
					vs[k] = api.QuestionnaireVariant(v)
				}
				area.Criteria[j].Variants = &vs
			}
		}
		out.Areas[i] = area
	}
	return out
}

// ListCatalogues implements api.StrictServerInterface.
func (s *Server) ListCatalogues(ctx context.Context, r api.ListCataloguesRequestObject) (api.ListCataloguesResponseObject, error) {
	all, err := s.svc.Catalogues.List(ctx)
	if err != nil {
		return nil, err
	}
	out := api.ListCatalogues200JSONResponse{Items: make([]api.CatalogueInfo, len(all))}
	for i, c := range all {
		out.Items[i] = api.CatalogueInfo{Version: c.Version, Title: c.Title, Illustrative: c.Illustrative,
			LoadedAt: c.LoadedAt.UTC(), Areas: len(c.Areas), Criteria: c.CriteriaCount()}
	}
	return out, nil
}

// GetCatalogue implements api.StrictServerInterface.
func (s *Server) GetCatalogue(ctx context.Context, r api.GetCatalogueRequestObject) (api.GetCatalogueResponseObject, error) {
	c, err := s.svc.Catalogues.Get(ctx, r.Version)
	if err != nil {
		return nil, err
	}
	return api.GetCatalogue200JSONResponse(catalogueOut(c)), nil
}

// PutCatalogue implements api.StrictServerInterface: 201 when the version is new, 200
// when it replaced one. The version in the body must be the one in the path.
func (s *Server) PutCatalogue(ctx context.Context, r api.PutCatalogueRequestObject) (api.PutCatalogueResponseObject, error) {
	// Permission (403) comes before the input rules (400), as docs/access.md orders the
	// checks; the service checks it again.
	p, ok := access.From(ctx)
	if !ok {
		return nil, cert.ErrUnauthenticated
	}
	if p.ScopeOf(access.CatalogueWrite) != access.All {
		return nil, cert.ErrForbidden
	}
	if v := strings.TrimSpace(r.Body.Version); v != r.Version {
		msg := "Die Version im Dokument („" + v + "“) muss die Version in der Adresse („" + r.Version + "“) sein."
		return nil, &cert.Error{Code: cert.EINVALID, Message: msg, Fields: []cert.FieldError{{Field: "version", Message: msg}}}
	}
	c, created, err := s.svc.Catalogues.Put(ctx, catalogueIn(*r.Body))
	if err != nil {
		return nil, err
	}
	if created {
		return api.PutCatalogue201JSONResponse(catalogueOut(c)), nil
	}
	return api.PutCatalogue200JSONResponse(catalogueOut(c)), nil
}

// assessmentOut renders findings with their score.
func assessmentOut(a cert.Assessment) api.Assessment {
	out := api.Assessment{ProcedureId: a.ProcedureID, CatalogueVersion: a.CatalogueVersion, Passed: a.Score.Passed,
		Criteria: make([]api.AssessmentItem, len(a.Items)), Areas: make([]api.AreaScore, len(a.Score.Areas))}
	for i, it := range a.Items {
		note := it.Note
		out.Criteria[i] = api.AssessmentItem{Code: it.Code, Met: it.Met, Note: &note}
	}
	for i, as := range a.Score.Areas {
		out.Areas[i] = api.AreaScore{Code: as.Code, Name: as.Name, Points: as.Points, MinPoints: as.MinPoints, Passed: as.Passed}
	}
	return out
}

// GetAssessment implements api.StrictServerInterface.
func (s *Server) GetAssessment(ctx context.Context, r api.GetAssessmentRequestObject) (api.GetAssessmentResponseObject, error) {
	a, err := s.svc.Assessments.Get(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetAssessment200JSONResponse(assessmentOut(a)), nil
}

// PutAssessment implements api.StrictServerInterface.
func (s *Server) PutAssessment(ctx context.Context, r api.PutAssessmentRequestObject) (api.PutAssessmentResponseObject, error) {
	items := make([]cert.AssessmentItem, len(r.Body.Criteria))
	for i, it := range r.Body.Criteria {
		items[i] = cert.AssessmentItem{Code: it.Code, Met: it.Met, Note: deref(it.Note)}
	}
	a, err := s.svc.Assessments.Put(ctx, r.Id, items)
	if err != nil {
		return nil, err
	}
	return api.PutAssessment200JSONResponse(assessmentOut(a)), nil
}
