package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// Sweeper is the reconciler: for a day, it writes every reminder whose date has come and
// that is not yet recorded, opens re-certification procedures whose window has opened, and
// cancels reminders that no longer apply. It looks at state, not at "exactly N days
// before", so a missed day is caught up, and it is idempotent: a second sweep of the same
// day creates nothing.
type Sweeper struct {
	Store   Store
	Cert    *cert.Services
	Routing notify.Routing
	Clock   cert.Clock
	Log     *slog.Logger
	// WindowOffsetMonths moves the re-certification window like the cert settings.
	WindowOffsetMonths int
	// DigestWeekday is the day coordinators get their weekly digest.
	DigestWeekday time.Weekday
	// Webhook, when set, names a webhook that receives every reminder as well.
	Webhook string
}

// Report is what one sweep did (or, dry, would do).
type Report struct {
	AsOf    cert.Date
	Ran     bool // false: another replica held the sweep lock
	DryRun  bool
	Counts  Counts
	Created map[notify.Reminder]int
	Skips   map[notify.Reminder]int
	Errors  []string // per-center problems that did not stop the sweep (e.g. no catalogue to open a procedure)
	// Purged is what the retention rule deleted: expired evidence and orphaned blobs.
	Purged cert.PurgeReport
}

// errDryRun rolls a dry run back.
var errDryRun = errors.New("dry run")

const sealPage = 500

// Sweep runs one sweep for asOf. A dry run does everything in one transaction and rolls it
// back, so its report is exactly what a real sweep would do.
func (s *Sweeper) Sweep(ctx context.Context, asOf cert.Date, dryRun bool) (Report, error) {
	ctx = access.WithPrincipal(ctx, access.System)
	r := Report{AsOf: asOf, DryRun: dryRun, Created: map[notify.Reminder]int{}, Skips: map[notify.Reminder]int{}}
	ran, err := s.Store.WithSweepLock(ctx, func(ctx context.Context) error {
		r.Ran = true
		if dryRun {
			err := s.Store.InTx(ctx, func(ctx context.Context) error {
				if err := s.sweep(ctx, asOf, &r); err != nil {
					return err
				}
				return errDryRun
			})
			if errors.Is(err, errDryRun) {
				return nil
			}
			return err
		}
		id := cert.NewID()
		if err := s.Store.StartSweep(ctx, id, s.Clock.Now(), asOf); err != nil {
			return err
		}
		err := s.sweep(ctx, asOf, &r)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if ferr := s.Store.FinishSweep(context.WithoutCancel(ctx), id, s.Clock.Now(), r.Counts, msg); ferr != nil && err == nil {
			err = ferr
		}
		return err
	})
	r.Ran = ran
	return r, err
}

func (s *Sweeper) sweep(ctx context.Context, asOf cert.Date, r *Report) error {
	coord, err := s.Store.Coordinators(ctx) // once per sweep, not once per seal
	if err != nil {
		return err
	}
	after := uuid.Nil
	for {
		seals, err := s.Store.SealsToSweep(ctx, asOf, after, sealPage)
		if err != nil {
			return err
		}
		if err := s.Store.InTx(ctx, func(ctx context.Context) error { return s.sweepSeals(ctx, seals, coord, asOf, r) }); err != nil {
			return fmt.Errorf("seals after %s: %w", after, err)
		}
		if len(seals) < sealPage {
			break
		}
		after = seals[len(seals)-1].ID
	}
	procs, err := s.Store.ProceduresToSweep(ctx, asOf)
	if err != nil {
		return err
	}
	centers := make([]uuid.UUID, len(procs))
	for i, p := range procs {
		centers[i] = p.CenterID
	}
	people, err := s.Store.CentersPeople(ctx, centers) // one query set, not one per procedure
	if err != nil {
		return err
	}
	for _, p := range procs {
		to := slices.Concat(people[p.CenterID], coord)
		if err := s.Store.InTx(ctx, func(ctx context.Context) error { return s.sweepProcedure(ctx, p, to, asOf, r) }); err != nil {
			return fmt.Errorf("procedure %s: %w", p.ID, err)
		}
	}
	if s.Cert.Evidence != nil {
		// The retention rule (docs/privacy.md); a dry run only counts.
		purged, err := s.Cert.Evidence.Purge(ctx, asOf, r.DryRun)
		r.Purged = purged
		if err != nil {
			r.Errors = append(r.Errors, err.Error())
		}
	}
	if asOf.Time(time.UTC).Weekday() == s.DigestWeekday {
		return s.digest(ctx, asOf, coord, r)
	}
	return nil
}

// sweepSeals handles a page of seals in one transaction with a fixed number of queries:
// the people of all their centers at once, one insert per reminder and status, one update
// of the bookmarks per day. coord are the coordinators, read once per sweep.
func (s *Sweeper) sweepSeals(ctx context.Context, seals []SweepSeal, coord []notify.Person, asOf cert.Date, r *Report) error {
	type plan struct {
		seal    SweepSeal
		send    *notify.Due
		skipped []notify.Due
	}
	var plans []plan
	var centers []uuid.UUID
	next := map[cert.Date][]uuid.UUID{}
	for _, seal := range seals {
		revoked := !seal.RevokedOn.IsZero() && !asOf.Before(seal.RevokedOn)
		if seal.HasSuccessor || revoked {
			n, err := s.Store.CancelPending(ctx, "seal", seal.ID, nil)
			if err != nil {
				return err
			}
			r.Counts.Cancelled += n
			next[cert.Date{}] = append(next[cert.Date{}], seal.ID)
			continue
		}
		send, skipped := notify.SealDue(seal.ValidUntil, s.WindowOffsetMonths, false, false, asOf)
		plans = append(plans, plan{seal, send, skipped})
		if send != nil {
			centers = append(centers, seal.CenterID)
		}
		d := nextReminder(seal.ValidUntil, s.WindowOffsetMonths, asOf)
		next[d] = append(next[d], seal.ID)
	}
	// A window that opens brings the re-certification procedure first, so that the mail
	// can say where it stands (registered, with its deadline).
	for _, p := range plans {
		if p.send != nil && p.send.Reminder == notify.SealWindowOpen {
			s.openRecertification(ctx, p.seal, asOf, r)
		}
	}
	people, err := s.Store.CentersPeople(ctx, centers)
	if err != nil {
		return err
	}
	procs, err := s.Store.OpenProceduresOf(ctx, centers)
	if err != nil {
		return err
	}
	type group struct {
		reminder notify.Reminder
		status   notify.Status
	}
	groups := map[group][]notify.Notification{}
	var order []group
	add := func(n notify.Notification) {
		g := group{n.Reminder, n.Status}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], n)
	}
	for _, p := range plans {
		for _, d := range p.skipped {
			if p.seal.NextReminderOn.IsZero() || !d.On.Before(p.seal.NextReminderOn) { // not handled by an earlier sweep
				add(s.marker(p.seal, d, notify.StatusSkipped, ""))
			}
		}
		if p.send == nil {
			continue
		}
		to := notify.Recipients(s.Routing, p.send.Reminder, slices.Concat(people[p.seal.CenterID], coord))
		if len(to) == 0 {
			add(s.marker(p.seal, *p.send, notify.StatusSkipped, "Keine Empfänger hinterlegt."))
		}
		proc := procs[p.seal.CenterID] // the zero Procedure when none is open
		for _, person := range to {
			add(withProcedure(s.sealNotification(p.seal, *p.send, person, asOf), proc))
		}
		if s.Webhook != "" {
			add(withProcedure(s.sealNotification(p.seal, *p.send, notify.Person{Role: notify.ToWebhook, Name: s.Webhook, Email: s.Webhook}, asOf), proc))
		}
	}
	for _, g := range order {
		n, err := s.Store.InsertNotifications(ctx, groups[g])
		if err != nil {
			return err
		}
		s.count(r, groups[g], n)
	}
	return s.Store.SetNextReminders(ctx, next)
}

// count adds inserted rows of one reminder and status to the report.
func (s *Sweeper) count(r *Report, rows []notify.Notification, inserted int) {
	if inserted == 0 || len(rows) == 0 {
		return
	}
	if rows[0].Status == notify.StatusSkipped {
		r.Counts.Skipped += inserted
		r.Skips[rows[0].Reminder] += inserted
		return
	}
	r.Counts.Created += inserted
	r.Created[rows[0].Reminder] += inserted
}

// nextReminder is the first day after asOf on which a reminder of the series falls due;
// zero when the series is over.
func nextReminder(until cert.Date, offset int, asOf cert.Date) cert.Date {
	var next cert.Date
	for _, d := range notify.Series(until, offset) {
		if d.On.After(asOf) && (next.IsZero() || d.On.Before(next)) {
			next = d.On
		}
	}
	return next
}

// openRecertification opens the re-certification procedure of a seal whose window just
// opened, registered with the center's certification number, as done by the system.
func (s *Sweeper) openRecertification(ctx context.Context, seal SweepSeal, asOf cert.Date, r *Report) {
	year := cert.KindergartenYearOf(seal.ValidUntil)
	// Evidence is due on 15 January of the year the seal ends, but never sooner than four
	// weeks from the later of the sweep's day and the real today (a sweep --as-of a past
	// day must not set a deadline in the past).
	base := asOf
	if today := s.Cert.Today(); today.After(base) {
		base = today
	}
	due := cert.NewDate(seal.ValidUntil.Year(), time.January, 15)
	if due.Before(base.AddDays(28)) {
		due = base.AddDays(60)
	}
	// Create and register in a savepoint: either both happen or neither, and a failure
	// does not spoil the page's transaction.
	err := s.Store.Savepoint(ctx, func(ctx context.Context) error {
		p, err := s.Cert.Procedures.Create(ctx, cert.NewProcedure{CenterID: seal.CenterID, Kind: cert.KindRecertification, Year: year,
			Comment: "Von kitacert eröffnet: Das Rezertifizierungsjahr " + year.String() + " hat begonnen."})
		if err != nil {
			return err
		}
		_, err = s.Cert.Procedures.Transition(ctx, p.ID, cert.Expect(p.Version), cert.TransitionInput{Action: cert.ActRegister, EvidenceDueOn: due,
			Comment: "Von kitacert registriert."})
		return err
	})
	if errors.Is(err, cert.ErrProcedureOpen) {
		return // an open procedure exists
	}
	if err != nil {
		r.Errors = append(r.Errors, fmt.Sprintf("Rezertifizierung für %s nicht eröffnet: %s", seal.CertificationNumber, cert.Describe(err)))
		if s.Log != nil {
			s.Log.WarnContext(ctx, "could not open re-certification", "seal_id", seal.ID, "error", err)
		}
		return
	}
	r.Counts.Opened++
}

// marker records a reminder without recipient: skipped in a series, or sent to nobody.
func (s *Sweeper) marker(seal SweepSeal, d notify.Due, st notify.Status, why string) notify.Notification {
	n := s.sealNotification(seal, d, notify.Person{Role: "none", Email: "-"}, d.On)
	n.Status, n.LastError = st, why
	return n
}

func (s *Sweeper) sealNotification(seal SweepSeal, d notify.Due, p notify.Person, asOf cert.Date) notify.Notification {
	now := s.Clock.Now().UTC()
	id, center := seal.ID, seal.CenterID
	channel := notify.ChannelEmail
	if p.Role == notify.ToWebhook {
		channel = notify.ChannelWebhook
	}
	return notify.Notification{ID: cert.NewID(), CreatedAt: now, SubjectType: "seal", SubjectID: &id, CenterID: &center,
		DedupKey: strings.Join([]string{"seal", seal.ID.String(), string(d.Reminder), seal.ValidUntil.String(), strings.ToLower(p.Email)}, ":"),
		Reminder: d.Reminder, DueOn: d.On, ValidityEnd: seal.ValidUntil, Channel: channel, Recipient: p.Email,
		RecipientName: p.Name, RecipientRole: p.Role, Status: notify.StatusPending, NextAttemptAt: now,
		Payload: notify.SealPayload{CenterFacts: notify.CenterFacts{CenterID: seal.CenterID, CenterName: seal.CenterName,
			CertificationNumber: seal.CertificationNumber, ValidUntil: seal.ValidUntil, DaysLeft: asOf.DaysUntil(seal.ValidUntil),
			KindergartenYear: cert.KindergartenYearOf(seal.ValidUntil).String()}, Addressee: notify.AddresseeOf(p)}}
}

// withProcedure adds the center's open procedure to a seal reminder: its deadline or visit
// day and the next step it asks for. The zero procedure (none open) adds nothing.
func withProcedure(n notify.Notification, p cert.Procedure) notify.Notification {
	if sp, ok := n.Payload.(notify.SealPayload); ok {
		sp.CenterFacts = sp.CenterFacts.WithProcedure(p)
		n.Payload = sp
	}
	return n
}
