package web

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// sealStatusOrder is the order in which the seal statuses are offered as filter.
var sealStatusOrder = []cert.SealStatus{cert.SealPending, cert.SealActive, cert.SealRenewalDue,
	cert.SealSuperseded, cert.SealExpired, cert.SealRevoked}

// sealStatusOptions are the statuses with their German labels.
func sealStatusOptions() []option {
	out := make([]option, len(sealStatusOrder))
	for i, st := range sealStatusOrder {
		out[i] = option{Value: string(st), Label: st.Label()}
	}
	return out
}

// sealFilterForm is the filter form of the seal list as the URL gave it.
type sealFilterForm struct {
	Q, Status, EndsFrom, EndsTo, Months, YouthOffice string
	StatusOptions, YouthOfficeOptions                []option // YouthOfficeOptions: nil hides the filter
}

// sealRow is one line of the seal list.
type sealRow struct {
	Seal       cert.Seal
	State      cert.SealState
	CenterName string
}

// sealListView is the seal list page.
type sealListView struct {
	Filter sealFilterForm
	Form   formState
	Rows   []sealRow
	Pager  pager
}

// sealList lists the seals the caller may see, filtered by the URL:
// status, endet_ab/endet_bis (valid_until within these days), monate (valid_until within
// the next N months), jugendamt (a covered Kita belongs to it), q (number or center).
func (p *Pages) sealList(r *request) error {
	q := r.listQuery()
	vals := q.Values
	var st formState
	f := sealFilterForm{Q: q.Q, Status: vals.Get("status"), EndsFrom: vals.Get("endet_ab"), EndsTo: vals.Get("endet_bis"),
		Months: vals.Get("monate"), YouthOffice: vals.Get("jugendamt"), StatusOptions: withAll(sealStatusOptions())}
	filter := cert.SealFilter{Page: q.Page, Q: q.Q, Status: cert.SealStatus(queryChoice(vals, "status", f.StatusOptions, &st))}
	from, to := queryDate(vals, "endet_ab", &st), queryDate(vals, "endet_bis", &st)
	if n := queryInt(vals, "monate", 1, 120, &st); n > 0 {
		today := p.svc.Today()
		until := today.AddDate(0, n, 0)
		if from == nil || from.Before(today) {
			from = &today
		}
		if to == nil || to.After(until) {
			to = &until
		}
	}
	if from != nil {
		d := from.AddDays(-1) // ExpiresAfter is exclusive
		filter.ExpiresAfter = &d
	}
	if to != nil {
		d := to.AddDays(1) // ExpiresBefore is exclusive
		filter.ExpiresBefore = &d
	}
	if r.who.ScopeOf(access.SealRead) == access.All {
		filter.YouthOfficeID = sealQueryID(vals, "jugendamt", &st)
		opts, err := p.sealYouthOfficeOptions(r.ctx())
		if err != nil {
			return err
		}
		f.YouthOfficeOptions = withAll(opts)
	}
	list, err := p.svc.Seals.List(r.ctx(), filter)
	if err != nil {
		return err
	}
	rows, err := p.sealRows(r.ctx(), list.Items)
	if err != nil {
		return err
	}
	v := sealListView{Filter: f, Form: st, Rows: rows, Pager: pagerFor("/seals", q, list.NextCursor)}
	return r.render(st.filterStatus(), "seals", "Gütesiegel", v)
}

// sealRows adds each seal's state today and its center's name.
func (p *Pages) sealRows(ctx context.Context, seals []cert.Seal) ([]sealRow, error) {
	centers := p.centerNames()
	rows := make([]sealRow, len(seals))
	for i, s := range seals {
		name, err := centers.of(ctx, s.CenterID)
		if err != nil {
			return nil, err
		}
		rows[i] = sealRow{Seal: s, State: p.svc.Seals.State(s), CenterName: name}
	}
	return rows, nil
}

// centerNames looks up the names of centers.
func (p *Pages) centerNames() *names[uuid.UUID] {
	return newNames(func(ctx context.Context, id uuid.UUID) (string, error) {
		c, err := p.svc.Centers.Get(ctx, id)
		return c.Name, err
	})
}

// sealYouthOfficeOptions are the youth offices to choose from, by name.
func (p *Pages) sealYouthOfficeOptions(ctx context.Context) ([]option, error) {
	list, err := p.svc.YouthOffices.List(ctx, cert.YouthOfficeFilter{Page: cert.Page{Limit: cert.MaxLimit}})
	if err != nil {
		return nil, err
	}
	out := make([]option, len(list.Items))
	for i, o := range list.Items {
		out[i] = option{Value: o.ID.String(), Label: o.Name}
	}
	return out, nil
}
