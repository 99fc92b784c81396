package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// markTimeout bounds the store write after a send; it runs even when the worker's context
// has just been cancelled, so that a delivered message is recorded as sent.
const markTimeout = 15 * time.Second

// MessageIDFor returns the Message-ID of a notification: "<id@kitacert>". It depends on the
// id alone, so a message sent again after a crash carries the same Message-ID and mail
// clients can fold the two.
func MessageIDFor(id uuid.UUID) string { return "<" + id.String() + "@kitacert>" }

// Worker delivers the outbox: it claims due notifications, renders them and sends each
// over its channel's Sender. Every replica runs one; the store's lease keeps two workers
// off the same row, and a crashed worker's rows come due again when their lease runs out.
//
// Delivery is at least once: a worker that stops after the server took a message but
// before recording it sends that one message again after the lease, with the same
// Message-ID (MessageIDFor). Leases are short (minutes), so a crashed worker's rows
// come back soon; a worker renews the lease of the rows it still holds every third of the
// lease while it works through a batch, and bounds each send by half the lease, so that a
// slow server never lets a lease run out under a send. A row whose lease ran out anyway
// (the worker stalled) is left to whoever claimed it.
//
// A server that does not answer or cannot be reached (SendError.Unreachable) costs one
// timeout per run, not one per message: the rest of the batch of that channel is released
// unchanged and the run ends; the next run tries again.
//
// Channels without a Sender: a Worker with no Sender at all (mail off and no webhook)
// claims nothing, so the outbox stays untouched and pending. A row of a channel without
// Sender that a worker with other Senders claims is left as it is, still leased: no
// attempt is counted, next_attempt_at and last_error stay, and the row comes round again
// when the lease ends (when the channel may have been configured). Releasing it at once
// would make the same run claim it again and again.
//
// Logs carry notification ids, reminders, channels, statuses and reply codes only: never
// addresses, names, subjects, texts, payloads or a server's reply text (which may repeat
// the address; it is stored in last_error for the coordinators).
type Worker struct {
	Store       Store
	Renderer    Renderer
	Senders     map[Channel]Sender // a channel missing here is not delivered (see above)
	Clock       cert.Clock         // nil: the system clock
	Lease       time.Duration      // how long a claim holds before it is renewed; required (> 0)
	Batch       int                // rows per claim; required (> 0)
	MaxAttempts int                // temporary failures before giving up; required (> 0)
	Backoff     Backoff            // wait after the n-th failure; required
	Log         *slog.Logger       // nil: no logs
}

// ErrWorkerSettings is the error of RunOnce and Run on a Worker whose Lease, Batch,
// MaxAttempts or Backoff is missing: the Worker has no defaults of its own, the caller
// (kitacert's config) passes every value.
var ErrWorkerSettings = errors.New("notify: worker settings incomplete")

// settings is a Worker with its optional parts (clock, log) filled in.
type settings struct {
	Worker
	renewEvery time.Duration // how often the lease of a batch in hand is renewed
	sendLimit  time.Duration // the most one send may take
}

// settings checks the required values and fills in the optional ones.
func (w *Worker) settings() (settings, error) {
	s := settings{Worker: *w}
	switch {
	case s.Lease <= 0:
		return s, fmt.Errorf("%w: Lease is %v, want > 0", ErrWorkerSettings, s.Lease)
	case s.Batch <= 0:
		return s, fmt.Errorf("%w: Batch is %d, want > 0", ErrWorkerSettings, s.Batch)
	case s.MaxAttempts <= 0:
		return s, fmt.Errorf("%w: MaxAttempts is %d, want > 0", ErrWorkerSettings, s.MaxAttempts)
	case s.Backoff == nil:
		return s, fmt.Errorf("%w: Backoff is nil", ErrWorkerSettings)
	}
	if s.Clock == nil {
		s.Clock = cert.SystemClock{}
	}
	if s.Log == nil {
		s.Log = slog.New(slog.DiscardHandler)
	}
	s.renewEvery = s.Lease / 3
	s.sendLimit = s.Lease / 2
	return s, nil
}

// channels lists the channels that have a Sender.
func (w *Worker) channels() []string {
	var out []string
	for ch, s := range w.Senders {
		if s != nil {
			out = append(out, string(ch))
		}
	}
	slices.Sort(out)
	return out
}

// outcome is what became of one claimed row.
type outcome int

const (
	outSent outcome = iota
	outRetry
	outFailed
	outReleased // not attempted (shutdown, lease budget used up): back to pending as it was
	outParked   // no sender for its channel: left leased, untouched
	outDown     // a temporary failure because the server is unreachable: counted as retry
)

// RunOnce delivers what is due now: it claims batches until a claim comes back short, and
// returns how many notifications were sent, set to retry later and given up. When ctx
// ends, the claimed rows not yet attempted are released unchanged and err is ctx's error.
// On a store failure err says so, and the rest of the batch in hand stays leased and comes
// due again when the lease ends.
func (w *Worker) RunOnce(ctx context.Context) (sent, retried, failed int, err error) {
	s, err := w.settings()
	if err != nil {
		return 0, 0, 0, err
	}
	if len(w.channels()) == 0 {
		return 0, 0, 0, nil // mail off: leave the outbox alone
	}
	parked := map[Channel]int{}
	defer func() {
		for ch, n := range parked {
			s.Log.Warn("notifications of a channel without sender stay pending", "channel", string(ch), "count", n)
		}
	}()
	for {
		if err := ctx.Err(); err != nil {
			return sent, retried, failed, err
		}
		start := s.Clock.Now()
		rows, err := s.Store.ClaimDue(ctx, start, s.Lease, s.Batch)
		if err != nil {
			return sent, retried, failed, fmt.Errorf("claim due notifications: %w", err)
		}
		held := make(map[uuid.UUID]bool, len(rows))
		for _, n := range rows {
			held[n.ID] = true
		}
		renewed := start
		down := map[Channel]bool{}
		for i, n := range rows {
			if now := s.Clock.Now(); ctx.Err() == nil && now.Sub(renewed) >= s.renewEvery {
				if held, err = s.renew(ctx, rows[i:], now); err != nil {
					return sent, retried, failed, err
				}
				renewed = now
			}
			if !held[n.ID] {
				continue // its lease ran out: another worker may have it now
			}
			var out outcome
			if ctx.Err() != nil || down[n.Channel] {
				out, err = s.release(ctx, n)
			} else {
				out, err = s.deliver(ctx, n)
			}
			if err != nil {
				return sent, retried, failed, err
			}
			switch out {
			case outSent:
				sent++
			case outRetry:
				retried++
			case outDown:
				retried++
				down[n.Channel] = true
			case outFailed:
				failed++
			case outParked:
				parked[n.Channel]++
			}
		}
		if err := ctx.Err(); err != nil {
			return sent, retried, failed, err
		}
		if len(down) > 0 {
			for ch := range down {
				s.Log.Warn("server unreachable; the rest of the batch waits for the next run", "channel", string(ch))
			}
			return sent, retried, failed, nil
		}
		if len(rows) < s.Batch {
			return sent, retried, failed, nil
		}
	}
}

// renew extends the lease of the rows still in hand and returns the ids still held.
func (s *settings) renew(ctx context.Context, rows []Notification, now time.Time) (map[uuid.UUID]bool, error) {
	ids := make([]uuid.UUID, len(rows))
	for i, n := range rows {
		ids[i] = n.ID
	}
	kept, err := s.Store.RenewLease(ctx, ids, now, s.Lease)
	if err != nil {
		return nil, fmt.Errorf("renew the lease of claimed notifications: %w", err)
	}
	held := make(map[uuid.UUID]bool, len(kept))
	for _, id := range kept {
		held[id] = true
	}
	if lost := len(ids) - len(kept); lost > 0 {
		s.Log.Warn("lease of claimed notifications ran out; left to other workers", "count", lost)
	}
	return held, nil
}

// deliver renders and sends one claimed row and records the result; err is a store failure.
func (s *settings) deliver(ctx context.Context, n Notification) (outcome, error) {
	sender := s.Senders[n.Channel]
	if sender == nil {
		return outParked, nil
	}
	log := s.Log.With("notification", n.ID.String(), "reminder", string(n.Reminder), "channel", string(n.Channel))

	m, err := safeRender(s.Renderer, n)
	if err != nil {
		// A template that cannot render this row will not render it tomorrow either. Not a
		// delivery attempt: the count stays.
		if err := s.mark(ctx, func(ctx context.Context) error {
			return s.Store.MarkFailed(ctx, n.ID, n.Attempts, renderFailure(err))
		}); err != nil {
			return 0, err
		}
		log.Error("notification failed", "status", string(StatusFailed), "reason", "render")
		return outFailed, nil
	}
	m.NotificationID = n.ID.String()
	m.MessageID = MessageIDFor(n.ID)
	if m.To == "" {
		m.To = n.Recipient
	}
	if m.ToName == "" {
		m.ToName = n.RecipientName
	}
	m.Reminder = n.Reminder
	if m.Payload == nil {
		m.Payload = n.Payload
	}

	sendCtx, cancel := context.WithTimeout(ctx, s.sendLimit)
	err = safeSend(sendCtx, sender, m)
	cancel()

	attempt := n.Attempts + 1
	now := s.Clock.Now()
	var failure Failure
	if err != nil {
		failure = sendFailure(err)
	}
	switch {
	case err == nil:
		if err := s.mark(ctx, func(ctx context.Context) error {
			return s.Store.MarkSent(ctx, n.ID, now, m.MessageID)
		}); err != nil {
			return 0, fmt.Errorf("notification %s was sent but not recorded: %w", n.ID, err)
		}
		log.Info("notification sent", "status", string(StatusSent), "attempt", attempt)
		return outSent, nil
	case ctx.Err() != nil:
		// Shutting down: this was our abort, not the server's answer.
		return s.release(ctx, n)
	case !IsTemporary(err):
		if err := s.mark(ctx, func(ctx context.Context) error {
			return s.Store.MarkFailed(ctx, n.ID, attempt, failure)
		}); err != nil {
			return 0, err
		}
		log.Error("notification failed", "status", string(StatusFailed), "attempt", attempt, "reason", "permanent", "code", failure.Code)
		return outFailed, nil
	case attempt >= s.MaxAttempts:
		if err := s.mark(ctx, func(ctx context.Context) error {
			return s.Store.MarkFailed(ctx, n.ID, attempt, failure)
		}); err != nil {
			return 0, err
		}
		log.Error("notification failed", "status", string(StatusFailed), "attempt", attempt, "reason", "too many attempts", "code", failure.Code)
		return outFailed, nil
	default:
		next := now.Add(s.Backoff(attempt))
		if err := s.mark(ctx, func(ctx context.Context) error {
			return s.Store.MarkRetry(ctx, n.ID, attempt, next, failure)
		}); err != nil {
			return 0, err
		}
		log.Warn("notification delivery failed, will retry", "status", string(StatusPending), "attempt", attempt,
			"next_attempt_at", next.UTC().Format(time.RFC3339), "code", failure.Code)
		var se *SendError
		if errors.As(err, &se) && se.Unreachable {
			return outDown, nil
		}
		return outRetry, nil
	}
}

// release gives a claimed row back unchanged (attempts, next attempt, last error), so that
// the next claim takes it at once.
func (s *settings) release(ctx context.Context, n Notification) (outcome, error) {
	if s.Senders[n.Channel] == nil {
		return outParked, nil
	}
	err := s.mark(ctx, func(ctx context.Context) error {
		return s.Store.MarkRetry(ctx, n.ID, n.Attempts, n.NextAttemptAt, n.Failure())
	})
	return outReleased, err
}

// mark runs a store write that must happen even if ctx was just cancelled.
func (s *settings) mark(ctx context.Context, fn func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	return fn(ctx)
}

// Run calls RunOnce now and then every interval until ctx is done, and then returns nil.
// Failed runs are logged and the next run still happens. An interval that is not
// positive, or a Worker whose settings are incomplete (ErrWorkerSettings), is an error
// before the first run.
func (w *Worker) Run(ctx context.Context, every time.Duration) error {
	s, err := w.settings()
	if err != nil {
		return err
	}
	if every <= 0 {
		return fmt.Errorf("%w: run interval is %v, want > 0", ErrWorkerSettings, every)
	}
	channels := w.channels()
	if len(channels) == 0 {
		s.Log.Info("notification delivery off: no channel configured, notifications stay pending")
	} else {
		s.Log.Info("notification worker started", "channels", strings.Join(channels, ","), "every", every.String())
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		sent, retried, failed, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			s.Log.Error("notification delivery run failed", "err", err, "sent", sent, "retried", retried, "failed", failed)
		} else if sent+retried+failed > 0 {
			s.Log.Info("notification delivery run", "sent", sent, "retried", retried, "failed", failed)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// safeRender turns a panicking template into an error.
func safeRender(r Renderer, n Notification) (m Message, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("renderer panicked: %v", p)
		}
	}()
	return r.Render(n)
}

// safeSend turns a panicking sender into a temporary (unclassified) error.
func safeSend(ctx context.Context, s Sender, m Message) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("sender panicked: %v", p)
		}
	}()
	return s.Send(ctx, m)
}

func truncate(s string) string {
	const limit = 1000
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && (s[cut]&0xC0) == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}
