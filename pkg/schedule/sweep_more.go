package schedule

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// sweepProcedure writes the deadline reminders of one open procedure to people (the
// center's, read for all procedures at once, and the coordinators). It runs in its own transaction and first
// locks the procedure's row and reads it again: a step committed since the sweep read p
// (evidence submitted, visit recorded, decision, withdrawal) may have made the reminders
// moot, and its cancellation found nothing to cancel yet; then nothing is written. A step
// that commits later waits for the lock and cancels what this transaction wrote.
func (s *Sweeper) sweepProcedure(ctx context.Context, p SweepProcedure, people []notify.Person, asOf cert.Date, r *Report) error {
	due := notify.ProcedureDue(p.State, p.EvidenceDueOn, p.VisitOn, asOf)
	if len(due) == 0 {
		return nil
	}
	if err := s.Store.LockProcedure(ctx, p.ID); err != nil {
		if cert.ErrorCode(err) == cert.ENOTFOUND {
			return nil
		}
		return err
	}
	now, err := s.Store.Procedure(ctx, p.ID)
	if cert.ErrorCode(err) == cert.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	if now.Version != p.Version || now.State != p.State {
		return nil // changed since the sweep read it; the next sweep sees the new state
	}
	for _, d := range due {
		var rows []notify.Notification
		for _, person := range notify.Recipients(s.Routing, d.Reminder, people) {
			rows = append(rows, s.procedureNotification(p, d, person, asOf))
		}
		n, err := s.Store.InsertNotifications(ctx, rows)
		if err != nil {
			return err
		}
		s.count(r, rows, n)
	}
	return nil
}

func (s *Sweeper) procedureNotification(p SweepProcedure, d notify.Due, person notify.Person, asOf cert.Date) notify.Notification {
	// The deadline belongs to the key, so that a new deadline (evidence requested again)
	// gets its own reminders.
	deadline := p.EvidenceDueOn
	if d.Reminder == notify.VisitSoon || d.Reminder == notify.NoDecision {
		deadline = p.VisitOn
	}
	return notify.ProcedureRow{Procedure: p.Procedure, CenterName: p.CenterName, Reminder: d.Reminder, Key: deadline.String(),
		DueOn: d.On, DaysLeft: asOf.DaysUntil(deadline), VisitOn: p.VisitOn}.
		For(person, s.Clock.Now())
}

// digest writes one weekly digest per coordinator (of coord, routing permitting) with the
// reminders of the last seven days; weeks without reminders send nothing.
func (s *Sweeper) digest(ctx context.Context, asOf cert.Date, coord []notify.Person, r *Report) error {
	until := asOf.Time(time.UTC)
	recent, err := s.Store.RecentReminders(ctx, until.AddDate(0, 0, -7), until)
	if err != nil || len(recent) == 0 {
		return err
	}
	items := make([]notify.DigestItem, 0, len(recent))
	for _, n := range recent {
		if it, ok := notify.ItemOf(n); ok {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return nil
	}
	year, week := until.ISOWeek()
	label := fmt.Sprintf("%d-W%02d", year, week)
	now := s.Clock.Now().UTC()
	var rows []notify.Notification
	for _, p := range notify.Recipients(s.Routing, notify.DigestReminder, coord) {
		rows = append(rows, notify.Notification{ID: cert.NewID(), CreatedAt: now, SubjectType: "digest",
			DedupKey: "digest:" + strings.ToLower(p.Email) + ":" + label, Reminder: notify.DigestReminder, DueOn: asOf,
			Channel: notify.ChannelEmail, Recipient: p.Email, RecipientName: p.Name, RecipientRole: notify.ToCoordinator,
			Status: notify.StatusPending, NextAttemptAt: now,
			Payload: notify.DigestPayload{Week: label, Items: items}})
	}
	n, err := s.Store.InsertNotifications(ctx, rows)
	if err != nil {
		return err
	}
	s.count(r, rows, n)
	return nil
}
