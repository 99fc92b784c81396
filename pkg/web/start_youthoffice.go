package web

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// youthOfficeView is the start page of a youth office's planner: the contingents, the
// centers with their seals, the open procedures, and the way to nominate.
type youthOfficeView struct {
	Contingents []cert.Contingent // newest kindergarten year first
	Centers     []centerSeal
	Open        []procRow
	CanNominate bool
}

// centerSeal is a center with its latest seal (nil: none yet).
type centerSeal struct {
	Center cert.Center
	Seal   *cert.Seal
	Status cert.SealStatus
}

// youthOfficeStart renders the youth office's start page.
func (p *Pages) youthOfficeStart(r *request) error {
	ctx := r.ctx()
	v := youthOfficeView{CanNominate: r.can(access.ProcedureNominate)}
	var err error
	if v.Contingents, _, err = collect(func(pg cert.Page) (cert.List[cert.Contingent], error) {
		return p.svc.Contingents.List(ctx, cert.ContingentFilter{Page: pg})
	}); err != nil {
		return err
	}
	slices.SortStableFunc(v.Contingents, func(a, b cert.Contingent) int { return cmp.Compare(b.Year, a.Year) })
	centers, _, err := collect(func(pg cert.Page) (cert.List[cert.Center], error) {
		return p.svc.Centers.List(ctx, cert.CenterFilter{Page: pg})
	})
	if err != nil {
		return err
	}
	seals, _, err := collect(func(pg cert.Page) (cert.List[cert.Seal], error) {
		return p.svc.Seals.List(ctx, cert.SealFilter{Page: pg})
	})
	if err != nil {
		return err
	}
	latest := map[uuid.UUID]cert.Seal{}
	for _, s := range seals {
		if cur, ok := latest[s.CenterID]; !ok || s.ValidUntil.After(cur.ValidUntil) {
			latest[s.CenterID] = s
		}
	}
	for _, c := range centers {
		cs := centerSeal{Center: c}
		if s, ok := latest[c.ID]; ok {
			cs.Seal, cs.Status = &s, p.svc.Seals.State(s).Status
		}
		v.Centers = append(v.Centers, cs)
	}
	open := true
	procs, _, err := collect(func(pg cert.Page) (cert.List[cert.Procedure], error) {
		return p.svc.Procedures.List(ctx, cert.ProcedureFilter{Page: pg, Open: &open})
	})
	if err != nil {
		return err
	}
	if v.Open, err = p.procRows(ctx, procs); err != nil {
		return err
	}
	return r.render(http.StatusOK, "start_youthoffice", "Start", v)
}
