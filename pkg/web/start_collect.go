package web

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// maxCollect caps how many objects a start page reads from one list: the counts of a
// start page are about the work at hand, not a report over all years.
const maxCollect = 5000

// collect reads every page of a list (at most maxCollect items). more reports that the
// list had more items than were read.
func collect[T any](fetch func(cert.Page) (cert.List[T], error)) (items []T, more bool, err error) {
	cursor := ""
	for {
		pg, err := cert.NewPage(cert.MaxLimit, cursor, false)
		if err != nil {
			return nil, false, err
		}
		list, err := fetch(pg)
		if err != nil {
			return nil, false, err
		}
		items = append(items, list.Items...)
		if list.NextCursor == "" {
			return items, false, nil
		}
		if len(items) >= maxCollect {
			return items, true, nil
		}
		cursor = list.NextCursor
	}
}

// procRow is a procedure as the start pages list it: with its center's name and its next
// deadline.
type procRow struct {
	cert.Procedure
	Center   string
	Deadline deadline
}

// deadline is the date a procedure waits for: evidence due or the visit.
type deadline struct {
	On      cert.Date
	What    string // "Belege fällig", "Begehung"
	Overdue bool   // the day has passed
}

// deadlineOf returns the next deadline of p on today: the evidence while it is awaited,
// the visit while it is scheduled; zero otherwise.
func deadlineOf(p cert.Procedure, today cert.Date) deadline {
	var d deadline
	switch p.State {
	case cert.StateRegistered, cert.StateEvidenceRequested:
		d = deadline{On: p.EvidenceDueOn, What: "Belege fällig"}
	case cert.StateVisitScheduled:
		d = deadline{On: p.VisitOn, What: "Begehung"}
	}
	d.Overdue = !d.On.IsZero() && d.On.Before(today)
	return d
}

// byDeadline orders procedure rows by their next deadline, those without one last.
func byDeadline(a, b procRow) int {
	switch {
	case a.Deadline.On.IsZero() && b.Deadline.On.IsZero():
		return 0
	case a.Deadline.On.IsZero():
		return 1
	case b.Deadline.On.IsZero():
		return -1
	}
	return a.Deadline.On.Compare(b.Deadline.On)
}

// procRows turns procedures into rows with their centers' names and deadlines, ordered by
// the next deadline.
func (p *Pages) procRows(ctx context.Context, ps []cert.Procedure) ([]procRow, error) {
	names, err := namesOf(ctx, p, ps, nil, func(x cert.Procedure) uuid.UUID { return x.CenterID })
	if err != nil {
		return nil, err
	}
	today := p.svc.Today()
	rows := make([]procRow, len(ps))
	for i, x := range ps {
		rows[i] = procRow{Procedure: x, Center: names[x.CenterID], Deadline: deadlineOf(x, today)}
	}
	slices.SortStableFunc(rows, byDeadline)
	return rows, nil
}

// namesOf returns the names of the centers of items (nothing after an error, which it
// passes on).
func namesOf[T any](ctx context.Context, p *Pages, items []T, err error, center func(T) uuid.UUID) (map[uuid.UUID]string, error) {
	if err != nil {
		return nil, err
	}
	ids := make([]uuid.UUID, len(items))
	for i, x := range items {
		ids[i] = center(x)
	}
	return p.startCenterNames(ctx, ids)
}

// startCenterNames returns the names of the given centers that the caller may read; an archived
// or hidden center keeps no name (the page shows a placeholder).
func (p *Pages) startCenterNames(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error) {
	names := map[uuid.UUID]string{}
	for _, id := range ids {
		if _, done := names[id]; done {
			continue
		}
		c, err := p.svc.Centers.Get(ctx, id)
		switch {
		case err == nil:
			names[id] = c.Name
		case cert.ErrorCode(err) == cert.ENOTFOUND || cert.ErrorCode(err) == cert.EFORBIDDEN:
			names[id] = ""
		default:
			return nil, err
		}
	}
	return names, nil
}
