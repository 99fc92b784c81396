package web

import (
	"net/http"
	"strconv"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// procedureListView is the list of procedures with its filters.
type procedureListView struct {
	Rows     []procedureRow
	Query    listQuery
	State    string
	Kind     string
	Year     string
	Mine     bool
	Overdue  bool
	ShowMine bool // the caller assesses procedures: "nur meine" is offered
	States   []option
	Kinds    []option
	Years    []option
	Pager    pager
}

// procedureRow is one line of the list.
type procedureRow struct {
	P          cert.Procedure
	CenterName string
	Deadline   cert.Date // the next deadline: evidence due or the visit
	DeadlineOf string    // what is due then
	Overdue    bool
	Assessor   string
}

// procedureList lists the procedures the caller may see, filtered by the URL: zustand,
// art, jahr, meine=1 (assessors: the ones they assess), ueberfaellig=1, q.
func (p *Pages) procedureList(r *request) error {
	q := r.listQuery()
	v := procedureListView{Query: q, State: q.Values.Get("zustand"), Kind: q.Values.Get("art"), Year: q.Values.Get("jahr"),
		Mine: q.Values.Get("meine") == "1", Overdue: q.Values.Get("ueberfaellig") == "1", ShowMine: r.can(access.ProcedureAssess)}
	today := p.svc.Today()
	f := cert.ProcedureFilter{Page: q.Page, Q: q.Q, Kind: cert.ProcedureKind(v.Kind), State: cert.State(v.State)}
	if !f.Kind.Valid() {
		f.Kind, v.Kind = "", ""
	}
	if _, ok := cert.StateLabels[f.State]; !ok {
		f.State, v.State = "", ""
	}
	if y, err := strconv.Atoi(v.Year); err == nil {
		ky := cert.KindergartenYear(y)
		f.Year = &ky
	} else {
		v.Year = ""
	}
	if v.Mine && v.ShowMine {
		id := r.who.UserID
		f.AssessorID = &id
	}
	if v.Overdue {
		f.OverdueOn = &today
	}
	list, err := p.svc.Procedures.List(r.ctx(), f)
	if err != nil {
		return err
	}
	centers := map[uuid.UUID]string{}
	for _, pr := range list.Items {
		if _, ok := centers[pr.CenterID]; !ok {
			centers[pr.CenterID] = p.centerName(r, pr.CenterID)
		}
		row := procedureRow{P: pr, CenterName: centers[pr.CenterID], Assessor: p.assessorName(r, pr.AssessorID)}
		row.Deadline, row.DeadlineOf = nextDeadline(pr)
		row.Overdue = !row.Deadline.IsZero() && row.Deadline.Before(today)
		v.Rows = append(v.Rows, row)
	}
	v.Pager = pagerFor("/procedures", q, list.NextCursor)
	v.States = []option{{"", "alle Stände"}}
	for _, s := range cert.States {
		v.States = append(v.States, option{string(s), s.Label()})
	}
	v.Kinds = []option{{"", "alle Arten"}, {string(cert.KindInitial), cert.KindInitial.Label()}, {string(cert.KindRecertification), cert.KindRecertification.Label()}}
	v.Years = []option{{"", "alle Jahre"}}
	current := cert.KindergartenYearOf(today)
	for y := current + 1; y >= current-4; y-- {
		v.Years = append(v.Years, option{strconv.Itoa(int(y)), y.String()})
	}
	return r.render(http.StatusOK, "procedures", "Verfahren", v)
}

// centerName is the name of a center, or a neutral text when the caller may not read it.
func (p *Pages) centerName(r *request, id uuid.UUID) string {
	if c, err := p.svc.Centers.Get(r.ctx(), id); err == nil {
		return c.Name
	}
	return "Familienzentrum"
}

// nextDeadline is what a procedure waits for next and by when: the evidence while it is
// registered or evidence was requested, the visit while one is scheduled.
func nextDeadline(pr cert.Procedure) (cert.Date, string) {
	switch pr.State {
	case cert.StateRegistered, cert.StateEvidenceRequested:
		return pr.EvidenceDueOn, "Belege"
	case cert.StateVisitScheduled:
		return pr.VisitOn, "Begehung"
	}
	return cert.Date{}, ""
}
