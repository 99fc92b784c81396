package web

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// monthNames are the German names of the months.
var monthNames = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}

// failedShown is how many failed notifications the coordinator's start page lists.
const failedShown = 5

// coordinatorView is the coordinator's start page: what ends soon, what is under way and
// what is overdue, and which notifications did not go out.
type coordinatorView struct {
	Months    []sealMonth
	SealsMore bool // more seals end than were counted
	States    []stateCount
	OpenTotal int
	Overdue   []procRow
	Failed    []notify.Notification // the newest failures, newest first
	FailedN   int
	CanRetry  bool
	CanOutbox bool
	ProcsMore bool // more procedures are open than were counted
}

// sealMonth is one month of the seals that end: "Januar 2027: 14 Gütesiegel".
type sealMonth struct {
	Label string
	Count int
	Href  string // the seal list filtered to the month
}

// stateCount is the number of procedures in one state.
type stateCount struct {
	State cert.State
	Count int
}

// coordinatorStart renders the coordinator's start page.
func (p *Pages) coordinatorStart(r *request) error {
	v := coordinatorView{CanRetry: r.can(access.NotificationRetry), CanOutbox: r.can(access.NotificationRead)}
	var err error
	if v.Months, v.SealsMore, err = p.sealMonths(r); err != nil {
		return err
	}
	open := true
	procs, more, err := collect(func(pg cert.Page) (cert.List[cert.Procedure], error) {
		return p.svc.Procedures.List(r.ctx(), cert.ProcedureFilter{Page: pg, Open: &open})
	})
	if err != nil {
		return err
	}
	v.ProcsMore, v.OpenTotal = more, len(procs)
	counts := map[cert.State]int{}
	var late []cert.Procedure
	today := p.svc.Today()
	for _, x := range procs {
		counts[x.State]++
		if deadlineOf(x, today).Overdue {
			late = append(late, x)
		}
	}
	for _, st := range cert.States {
		if st.Open() {
			v.States = append(v.States, stateCount{State: st, Count: counts[st]})
		}
	}
	if v.Overdue, err = p.procRows(r.ctx(), late); err != nil {
		return err
	}
	if v.CanOutbox {
		failed, _, err := collect(func(pg cert.Page) (cert.List[notify.Notification], error) {
			return p.cfg.Outbox.List(r.ctx(), notify.Filter{Page: pg, Status: notify.StatusFailed})
		})
		if err != nil {
			return err
		}
		v.FailedN = len(failed)
		v.Failed = slices.Clone(failed[max(0, len(failed)-failedShown):])
		slices.Reverse(v.Failed)
	}
	return r.render(http.StatusOK, "start_coordinator", "Start", v)
}

// sealMonths counts the seals that end in this month (from today) and the eleven after
// it, by month, as the seal list shows them.
func (p *Pages) sealMonths(r *request) ([]sealMonth, bool, error) {
	today := p.svc.Today()
	first := cert.NewDate(today.Year(), today.Month(), 1)
	after, before := today.AddDays(-1), first.AddDate(0, 12, 0)
	seals, more, err := collect(func(pg cert.Page) (cert.List[cert.Seal], error) {
		return p.svc.Seals.List(r.ctx(), cert.SealFilter{Page: pg, ExpiresAfter: &after, ExpiresBefore: &before})
	})
	if err != nil {
		return nil, false, err
	}
	months := make([]sealMonth, 12)
	for i := range months {
		from := first.AddDate(0, i, 0)
		to := from.AddDate(0, 1, -1)
		if i == 0 {
			from = today
		}
		months[i] = sealMonth{Label: monthNames[from.Month()-time.January] + " " + strconv.Itoa(from.Year()),
			Href: withQuery("/seals", "endet_ab", from.String(), "endet_bis", to.String())}
	}
	for _, s := range seals {
		i := (s.ValidUntil.Year()-first.Year())*12 + int(s.ValidUntil.Month()-first.Month())
		if i >= 0 && i < len(months) {
			months[i].Count++
		}
	}
	return months, more, nil
}
