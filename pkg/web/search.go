package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// searchShown is how many hits of each kind the search page shows; the list of that kind
// shows all.
const searchShown = 10

// searchView is the search page: the query and the hits, grouped by kind.
type searchView struct {
	Q      string
	Groups []hitGroup
	Hits   int
}

// hitGroup is the hits of one kind (Kitas, centers, …) with the link to the full list.
type hitGroup struct {
	ID, Title string
	Hits      []hit
	More      string // the list of this kind with the query, when there are more hits
}

// hit is one object found.
type hit struct {
	Label, Detail, Href string
}

// searcher finds the objects of one kind for a query; the service narrows to the caller.
type searcher struct {
	id, title, list string
	need            access.Action
	find            func(p *Pages, ctx context.Context, q string, pg cert.Page) ([]hit, bool, error)
}

// searchers are the kinds the search looks through, in the order the page shows them.
var searchers = []searcher{
	{"kitas", "Kitas", "/kitas", access.KitaRead, findKitas},
	{"centers", "Familienzentren", "/centers", access.CenterRead, findCenters},
	{"providers", "Träger", "/providers", access.ProviderRead, findProviders},
	{"seals", "Gütesiegel", "/seals", access.SealRead, findSeals},
	{"procedures", "Verfahren", "/procedures", access.ProcedureRead, findProcedures},
}

// search looks for q in the names of Kitas, centers and providers and in certification
// numbers, among what the caller may read.
func (p *Pages) search(r *request) error {
	v := searchView{Q: strings.TrimSpace(r.QueryParam("q"))}
	if v.Q != "" {
		pg := cert.Page{Limit: searchShown + 1}
		for _, s := range searchers {
			if !r.can(s.need) {
				continue
			}
			hits, more, err := s.find(p, r.ctx(), v.Q, pg)
			if err != nil {
				return err
			}
			if len(hits) == 0 {
				continue
			}
			g := hitGroup{ID: s.id, Title: s.title, Hits: hits}
			if more {
				g.More = withQuery(s.list, "q", v.Q)
			}
			v.Groups = append(v.Groups, g)
			v.Hits += len(hits)
		}
	}
	title := "Suche"
	if v.Q != "" {
		title = "Suche nach „" + v.Q + "“"
	}
	return r.render(http.StatusOK, "search", title, v)
}

// firstHits cuts a list of one more than shown to the shown hits, and says whether there
// were more.
func firstHits[T any](list cert.List[T], err error, toHit func(T) hit) ([]hit, bool, error) {
	if err != nil {
		return nil, false, err
	}
	items := list.Items
	more := len(items) > searchShown
	if len(items) > searchShown {
		items = items[:searchShown]
	}
	out := make([]hit, len(items))
	for i, x := range items {
		out[i] = toHit(x)
	}
	return out, more, nil
}

func findKitas(p *Pages, ctx context.Context, q string, pg cert.Page) ([]hit, bool, error) {
	list, err := p.svc.Kitas.List(ctx, cert.KitaFilter{Page: pg, Q: q})
	return firstHits(list, err, func(k cert.Kita) hit {
		return hit{Label: k.Name, Detail: k.Address.City, Href: "/kitas/" + k.ID.String()}
	})
}

func findCenters(p *Pages, ctx context.Context, q string, pg cert.Page) ([]hit, bool, error) {
	list, err := p.svc.Centers.List(ctx, cert.CenterFilter{Page: pg, Q: q})
	return firstHits(list, err, func(c cert.Center) hit {
		return hit{Label: c.Name, Href: "/centers/" + c.ID.String()}
	})
}

func findProviders(p *Pages, ctx context.Context, q string, pg cert.Page) ([]hit, bool, error) {
	list, err := p.svc.Providers.List(ctx, cert.ProviderFilter{Page: pg, Q: q})
	return firstHits(list, err, func(x cert.Provider) hit {
		return hit{Label: x.Name, Href: "/providers/" + x.ID.String()}
	})
}

func findSeals(p *Pages, ctx context.Context, q string, pg cert.Page) ([]hit, bool, error) {
	list, err := p.svc.Seals.List(ctx, cert.SealFilter{Page: pg, Q: q})
	names, err := namesOf(ctx, p, list.Items, err, func(s cert.Seal) uuid.UUID { return s.CenterID })
	return firstHits(list, err, func(s cert.Seal) hit {
		return hit{Label: s.CertificationNumber, Href: "/seals/" + s.ID.String(),
			Detail: joinDetail(names[s.CenterID], "gültig "+germanDate(s.ValidFrom)+" bis "+germanDate(s.ValidUntil))}
	})
}

func findProcedures(p *Pages, ctx context.Context, q string, pg cert.Page) ([]hit, bool, error) {
	list, err := p.svc.Procedures.List(ctx, cert.ProcedureFilter{Page: pg, Q: q})
	names, err := namesOf(ctx, p, list.Items, err, func(x cert.Procedure) uuid.UUID { return x.CenterID })
	return firstHits(list, err, func(x cert.Procedure) hit {
		label := x.Kind.Label() + " " + x.Year.String()
		if x.CertificationNumber != "" {
			label = x.CertificationNumber + " – " + label
		}
		return hit{Label: label, Detail: joinDetail(names[x.CenterID], x.State.Label()), Href: "/procedures/" + x.ID.String()}
	})
}

// joinDetail joins the non-empty parts of a hit's detail.
func joinDetail(parts ...string) string {
	var out []string
	for _, s := range parts {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, " · ")
}
