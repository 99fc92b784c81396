package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"sort"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/documents"
	"github.com/kitacert/kitacert/pkg/notify"
	"github.com/kitacert/kitacert/pkg/schedule"
	"github.com/kitacert/kitacert/pkg/store"
)

// cmdSweep: kitacert sweep [--as-of YYYY-MM-DD] [--dry-run] [--force]. A future --as-of
// runs as a dry run unless --force is given: a real sweep of a future day would send mails
// that are not due yet ("seal expired" to centers whose seal runs for months) and mark
// them handled.
func cmdSweep(ctx context.Context, args []string, e env) error {
	cfg := loadConfig(e.getenv)
	fs := flag.NewFlagSet("sweep", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg.bindFlags(fs)
	asOfFlag := fs.String("as-of", "", "sweep as of this day (YYYY-MM-DD); default today")
	dry := fs.Bool("dry-run", false, "report what would be created, change nothing")
	force := fs.Bool("force", false, "with a future --as-of: really write the notifications (without it a future day is only a dry run)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	db, err := openForCommand(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	blobs, err := openBlobs(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = blobs.Close() }()
	sw := newSweeper(cfg, db, blobs, cert.SystemClock{}, newLogger(cfg, e.stderr))
	asOf := cert.Today(cert.SystemClock{}, cfg.Location)
	if *asOfFlag != "" {
		if asOf, err = cert.ParseDate(*asOfFlag); err != nil {
			return fmt.Errorf("%w: --as-of: %v", errUsage, err)
		}
	}
	if today := cert.Today(cert.SystemClock{}, cfg.Location); asOf.After(today) && !*dry && !*force {
		*dry = true
		fmt.Fprintf(e.stdout, "Probelauf: --as-of %s liegt nach dem heutigen Tag (%s). Ein Lauf für einen künftigen Tag "+
			"würde E-Mails verschicken, die noch nicht fällig sind, und die Erinnerungen als erledigt vermerken. "+
			"Es wurde daher nichts gespeichert und nichts versandt; mit --force wird der Lauf ausgeführt.\n", asOf, today)
	}
	r, err := sw.Sweep(ctx, asOf, *dry)
	if err != nil {
		return err
	}
	printReport(e, r)
	return nil
}

// newSweeper wires a sweeper from the config.
func newSweeper(cfg config, db *store.DB, blobs cert.Blobs, clock cert.Clock, log *slog.Logger) *schedule.Sweeper {
	webhook := ""
	if cfg.WebhookURL != "" {
		webhook = "webhook"
	}
	return &schedule.Sweeper{Store: db, Cert: newCertService(cfg, db, blobs, clock), Routing: cfg.Routing, Clock: clock, Log: log,
		WindowOffsetMonths: cfg.WindowOffsetMonths, DigestWeekday: cfg.DigestWeekday, Webhook: webhook}
}

// newCertService is the domain services as every command configures them: procedure
// steps write their notifications (request_evidence) into the outbox, routed as configured;
// with blobs, the questionnaire keeps its documents there and certify and reject issue the
// quality profile and the certificate (a command that needs neither passes nil).
func newCertService(cfg config, db *store.DB, blobs cert.Blobs, clock cert.Clock) *cert.Services {
	svc := cert.New(db, clock, cfg.Location, cfg.certSettings()).
		SetStepNotifier(&notify.StepMailer{Store: db, Routing: cfg.Routing, Clock: clock, Location: cfg.Location})
	if blobs != nil {
		svc.SetEvidence(db, blobs, cfg.Evidence).SetIssuer(db, blobs, documents.Renderer{})
	}
	return svc
}

// printReport prints the sweep's report in German: the totals, one line per reminder
// (its code, as in the API and the routing file) and the problems that did not stop it.
func printReport(e env, r schedule.Report) {
	if !r.Ran {
		fmt.Fprintln(e.stdout, "Ein anderer Erinnerungslauf ist gerade aktiv; es wurde nichts getan.")
		return
	}
	created, skipped, cancelled, opened := "angelegt", "übersprungen", "zurückgezogen", "eröffnet"
	if r.DryRun {
		created, skipped, cancelled, opened = "würden angelegt", "würden übersprungen", "würden zurückgezogen", "würden eröffnet"
	}
	fmt.Fprintf(e.stdout, "Erinnerungslauf zum %s: Benachrichtigungen %s: %d, %s: %d, %s: %d; Rezertifizierungen %s: %d\n",
		r.AsOf.German(), created, r.Counts.Created, skipped, r.Counts.Skipped, cancelled, r.Counts.Cancelled, opened, r.Counts.Opened)
	keys := make([]string, 0, len(r.Created)+len(r.Skips))
	seen := map[notify.Reminder]bool{}
	for k := range r.Created {
		seen[k] = true
	}
	for k := range r.Skips {
		seen[k] = true
	}
	for k := range seen {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(e.stdout, "  %-34s %s %4d, %s %4d\n", k, created, r.Created[notify.Reminder(k)], skipped, r.Skips[notify.Reminder(k)])
	}
	if pg := r.Purged; pg != (cert.PurgeReport{}) {
		verb := "gelöscht"
		if r.DryRun {
			verb = "würden gelöscht"
		}
		fmt.Fprintf(e.stdout, "Aufbewahrungsfrist abgelaufen: Belege von %d Verfahren %s (%d Dokumente, %d Antworten); verwaiste Dateien gelöscht: %d\n",
			pg.Procedures, verb, pg.Documents, pg.Answers, pg.Orphans)
	}
	for _, msg := range r.Errors {
		fmt.Fprintln(e.stdout, "  !", msg)
	}
}
