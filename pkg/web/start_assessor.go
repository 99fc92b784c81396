package web

import (
	"net/http"
	"slices"

	"github.com/kitacert/kitacert/pkg/cert"
)

// assessorView is the assessor's start page: their procedures by next deadline, and the
// procedures whose evidence waits for someone to review it.
type assessorView struct {
	Mine       []procRow
	Unassigned []takeRow
}

// takeRow is a procedure without an assessor, and whether the caller may take it over.
type takeRow struct {
	procRow
	CanTake bool
}

// assessorStart renders the assessor's start page.
func (p *Pages) assessorStart(r *request) error {
	open, me := true, r.who.UserID
	mine, _, err := collect(func(pg cert.Page) (cert.List[cert.Procedure], error) {
		return p.svc.Procedures.List(r.ctx(), cert.ProcedureFilter{Page: pg, AssessorID: &me, Open: &open})
	})
	if err != nil {
		return err
	}
	waiting, _, err := collect(func(pg cert.Page) (cert.List[cert.Procedure], error) {
		return p.svc.Procedures.List(r.ctx(), cert.ProcedureFilter{Page: pg, State: cert.StateEvidenceSubmitted})
	})
	if err != nil {
		return err
	}
	waiting = slices.DeleteFunc(waiting, func(x cert.Procedure) bool { return x.AssessorID != nil })
	var v assessorView
	if v.Mine, err = p.procRows(r.ctx(), mine); err != nil {
		return err
	}
	rows, err := p.procRows(r.ctx(), waiting)
	if err != nil {
		return err
	}
	for _, row := range rows {
		v.Unassigned = append(v.Unassigned, takeRow{procRow: row,
			CanTake: slices.Contains(p.svc.Procedures.AllowedFor(r.ctx(), row.Procedure), cert.ActStartReview)})
	}
	return r.render(http.StatusOK, "start_assessor", "Start", v)
}
