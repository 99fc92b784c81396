package web

import (
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// notificationStatuses are the outbox statuses in German, with their badges.
var notificationStatuses = []struct {
	status       notify.Status
	label, badge string
}{
	{notify.StatusPending, "Wartet auf Versand", "info"},
	{notify.StatusSent, "Gesendet", "success"},
	{notify.StatusFailed, "Fehlgeschlagen", "danger"},
	{notify.StatusSkipped, "Übersprungen", "info"},
	{notify.StatusCancelled, "Entfällt", "info"},
}

// failureLabels name the kinds of delivery failure in German.
var failureLabels = map[notify.FailureKind]string{
	notify.FailurePermanent: "Dauerhafter Fehler: Adresse prüfen, dann erneut senden",
	notify.FailureTemporary: "Vorübergehender Fehler",
	notify.FailureRender:    "Nachricht nicht darstellbar",
}

// notificationRow is one line of the outbox.
type notificationRow struct {
	N                         notify.Notification
	StatusLabel, StatusBadge  string
	Title, RoleLabel, Failure string
	CenterName                string
}

// notificationFilterForm is the filter form of the outbox as the URL gave it.
type notificationFilterForm struct {
	Q, Status, Kind           string
	StatusOptions, KindOption []option
}

// notificationsView is the outbox page.
type notificationsView struct {
	Filter   notificationFilterForm
	Form     formState
	Rows     []notificationRow
	Pager    pager
	CanRetry bool
	Back     string // this view, for the retry buttons
}

// notifications lists the outbox, filtered by the URL: status, art (reminder), q (the
// recipient's name or address, or the center's name).
func (p *Pages) notifications(r *request) error {
	v, err := p.notificationsView(r, formState{})
	if err != nil {
		return err
	}
	return r.render(v.Form.filterStatus(), "notifications", "Benachrichtigungen", v)
}

func (p *Pages) notificationsView(r *request, st formState) (*notificationsView, error) {
	q := r.listQuery()
	vals := q.Values
	statuses := make([]option, len(notificationStatuses))
	for i, s := range notificationStatuses {
		statuses[i] = option{Value: string(s.status), Label: s.label}
	}
	var kinds []option
	for _, k := range notify.Reminders() {
		kinds = append(kinds, option{Value: string(k), Label: k.Title()})
	}
	f := notificationFilterForm{Q: q.Q, Status: vals.Get("status"), Kind: vals.Get("art"), StatusOptions: withAll(statuses), KindOption: withAll(kinds)}
	filter := notify.Filter{Page: q.Page, Q: q.Q, Status: notify.Status(queryChoice(vals, "status", f.StatusOptions, &st)),
		Reminder: notify.Reminder(queryChoice(vals, "art", f.KindOption, &st))}
	list, err := p.cfg.Outbox.List(r.ctx(), filter)
	if err != nil {
		return nil, err
	}
	v := &notificationsView{Filter: f, Form: st, Pager: pagerFor("/notifications", q, list.NextCursor),
		CanRetry: r.can(access.NotificationRetry), Back: r.Request().URL.RequestURI()}
	if r.Request().Method != http.MethodGet {
		v.Back = "/notifications?status=failed"
	}
	centers := p.centerNames()
	for _, n := range list.Items {
		row := notificationRow{N: n, Title: n.Reminder.Title(), RoleLabel: n.RecipientRole.Label(), StatusLabel: string(n.Status), StatusBadge: "info"}
		for _, s := range notificationStatuses {
			if s.status == n.Status {
				row.StatusLabel, row.StatusBadge = s.label, s.badge
			}
		}
		if n.FailureKind != "" {
			row.Failure = failureLabels[n.FailureKind]
		}
		if n.CenterID != nil {
			if row.CenterName, err = centers.of(r.ctx(), *n.CenterID); err != nil {
				return nil, err
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return v, nil
}

// notificationRetry sets a failed notification pending again and returns to the local
// path in the field back (default: the failed notifications). A notification that is not
// failed (any more) shows the outbox again with the reason (409).
func (p *Pages) notificationRetry(r *request) error {
	id, err := uuid.Parse(r.Param("id"))
	if err != nil {
		return cert.ErrNotFound
	}
	back := "/notifications?status=failed"
	if b := strings.TrimSpace(r.FormValue("back")); b != "" {
		back = localPath(b)
	}
	if _, err := p.cfg.Outbox.Retry(r.ctx(), id); err != nil {
		st, ok := formError(err)
		if !ok {
			return err
		}
		v, verr := p.notificationsView(r, st)
		if verr != nil {
			return verr
		}
		return r.render(st.formStatus(), "notifications", "Benachrichtigungen", v)
	}
	return r.redirect(back, "erneut")
}
