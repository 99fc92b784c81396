package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// openProcedureOf returns the open procedure of a demo center.
func openProcedureOf(t *testing.T, s *site, name string) cert.Procedure {
	t.Helper()
	c, open := centerNamed(t, s, name), true
	list, err := s.svc.Procedures.List(sys, cert.ProcedureFilter{Page: cert.Page{Limit: 1}, CenterID: &c.ID, Open: &open})
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("open procedure of %s: %v %v", name, list.Items, err)
	}
	return list.Items[0]
}

// section returns the part of a page from the heading with id to the end of its section.
func section(t *testing.T, body, id string) string {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no section %s in\n%s", id, body)
	}
	rest := body[i:]
	if j := strings.Index(rest, "</section>"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// asRole is the context of a demo user, for steps taken behind the pages.
func asRole(s *site, role access.Role) context.Context {
	return access.WithPrincipal(context.Background(), s.users[role].Principal())
}

// TestCoordinatorStart: the twelve months of ending seals with the counts of the seal list,
// overdue procedures first with links, counts per state, and a failed notification with
// its retry form.
func TestCoordinatorStart(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		s.clock.Set(testNow.AddDate(0, 0, 61)) // the demo's evidence (due in 60 days) is now overdue
		n := notify.Notification{ID: cert.NewID(), CreatedAt: s.clock.Now(), DedupKey: "test:" + cert.NewID().String(), SubjectType: "seal",
			Reminder: notify.SealMonths3, DueOn: s.svc.Today(), Channel: notify.ChannelEmail, Recipient: "leitung@example.org",
			RecipientName: "Leitung", RecipientRole: notify.ToKitaLeader, Status: notify.StatusFailed, Attempts: 8,
			NextAttemptAt: s.clock.Now(), LastError: "550 5.1.1 Postfach nicht erreichbar"}
		if _, err := s.db.InsertNotifications(context.Background(), []notify.Notification{n}); err != nil {
			t.Fatal(err)
		}
		body := s.as(t, access.RoleCoordinator).get("/").Body
		page{Status: 200, Body: body}.mustSee(t, 200, "Überfällige Fristen", "Laufende Verfahren nach Stand", `action="/search"`)

		// Twelve months from January 2027 (today is 22.01.2027), each with the seal list's count.
		today := s.svc.Today()
		months := section(t, body, "h-seals")
		total := 0
		for i := range 12 {
			first := cert.NewDate(2027, 1, 1).AddDate(0, i, 0)
			from, to := first, first.AddDate(0, 1, -1)
			if i == 0 {
				from = today
			}
			after, before := from.AddDays(-1), to.AddDays(1)
			list, err := s.svc.Seals.List(sys, cert.SealFilter{Page: cert.Page{Limit: cert.MaxLimit}, ExpiresAfter: &after, ExpiresBefore: &before})
			if err != nil {
				t.Fatal(err)
			}
			total += len(list.Items)
			names := []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
			want := fmt.Sprintf(`href="/seals?endet_ab=%s&amp;endet_bis=%s">%s %d: %d Gütesiegel</a>`, from, to, names[first.Month()-1], first.Year(), len(list.Items))
			if !strings.Contains(months, want) {
				t.Errorf("month %d: lacks %s in\n%s", i, want, months)
			}
		}
		if strings.Count(months, "<li>") != 12 || !strings.Contains(months, "Juli 2027: 3 Gütesiegel") || total != 3 {
			t.Errorf("want 12 months with the three demo seals ending in July 2027 (%d):\n%s", total, months)
		}

		// The overdue procedures come first and link to their pages; one in time does not show.
		overdue := section(t, body, "h-overdue")
		for _, name := range []string{"Familienzentrum Sternstraße", "Kath. Familienzentrum St. Antonius"} {
			p := openProcedureOf(t, s, name)
			if !strings.Contains(overdue, `href="/procedures/`+p.ID.String()+`">`+name) {
				t.Errorf("overdue lacks %s:\n%s", name, overdue)
			}
		}
		if !strings.Contains(overdue, "überfällig") || strings.Contains(overdue, "St. Josef") {
			t.Errorf("overdue section:\n%s", overdue)
		}
		if strings.Index(body, `id="h-overdue"`) > strings.Index(body, `id="h-states"`) {
			t.Error("overdue procedures are not first")
		}
		states := section(t, body, "h-states")
		for _, want := range []string{"4 laufende Verfahren", `Registriert</th><td class="kern-table__cell kern-table__cell--numeric">2<`,
			`Nominiert</th><td class="kern-table__cell kern-table__cell--numeric">1<`, `Belege eingereicht</th><td class="kern-table__cell kern-table__cell--numeric">1<`} {
			if !strings.Contains(states, want) {
				t.Errorf("states lack %s:\n%s", want, states)
			}
		}

		failed := section(t, body, "h-failed")
		for _, want := range []string{"1 Benachrichtigung konnte nicht zugestellt werden", "550 5.1.1 Postfach nicht erreichbar", "&lt;leitung@example.org&gt;",
			`action="/notifications/` + n.ID.String() + `/retry"`, `name="back" value="/"`, `name="csrf"`, "Erneut senden"} {
			if !strings.Contains(failed, want) {
				t.Errorf("failed notifications lack %s:\n%s", want, failed)
			}
		}
	})
}

// TestAssessorStart: an assessor sees the procedure waiting for review with the form to
// take it over; once they have, it is among their own and no longer waits.
func TestAssessorStart(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		p := openProcedureOf(t, s, "Familienzentrum St. Josef Oberbilk")
		b := s.as(t, access.RoleAssessor)
		r := b.get("/")
		r.mustSee(t, http.StatusOK, "Meine Verfahren", "Sie begutachten zurzeit kein Verfahren.")
		waiting := section(t, r.Body, "h-waiting")
		for _, want := range []string{`action="/procedures/` + p.ID.String() + `/step"`, `name="action" value="start_review"`,
			fmt.Sprintf(`name="version" value="%d"`, p.Version), `name="back" value="/"`, "Begutachtung übernehmen", "Familienzentrum St. Josef Oberbilk"} {
			if !strings.Contains(waiting, want) {
				t.Errorf("waiting lacks %s:\n%s", want, waiting)
			}
		}
		if strings.Contains(waiting, "Sternstraße") { // registered: no evidence yet
			t.Errorf("a procedure without evidence waits for review:\n%s", waiting)
		}

		if _, err := s.svc.Procedures.Transition(asRole(s, access.RoleAssessor), p.ID, cert.Expect(p.Version), cert.TransitionInput{Action: cert.ActStartReview}); err != nil {
			t.Fatal(err)
		}
		r = b.get("/")
		mine := section(t, r.Body, "h-mine")
		if !strings.Contains(mine, `href="/procedures/`+p.ID.String()+`">Familienzentrum St. Josef Oberbilk`) || !strings.Contains(mine, "Begutachtung") {
			t.Errorf("my procedures:\n%s", mine)
		}
		r.mustSee(t, http.StatusOK, "Alle eingereichten Belege werden bereits begutachtet.")
	})
}

// TestYouthOfficeStart: the planner sees the contingent as "x von y Plätzen belegt", the
// office's centers with their seals, the open procedures, and the way to nominate; nothing
// of another office.
func TestYouthOfficeStart(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		office := *s.users[access.RoleYouthOffice].YouthOfficeID
		year := cert.KindergartenYearOf(s.svc.Today())
		if _, err := s.svc.Contingents.Create(sys, cert.Contingent{YouthOfficeID: office, Year: year, Places: 5}); err != nil {
			t.Fatal(err)
		}
		nominate(t, s, "Ev. Familienzentrum Arche Noah", year)
		list, err := s.svc.Contingents.List(sys, cert.ContingentFilter{Page: cert.Page{Limit: 10}, YouthOfficeID: &office, Year: &year})
		if err != nil || len(list.Items) != 1 {
			t.Fatal(list, err)
		}
		c := list.Items[0]
		if c.Used != 1 {
			t.Fatalf("contingent used %d, want 1", c.Used)
		}
		r := s.as(t, access.RoleYouthOffice).get("/")
		r.mustSee(t, http.StatusOK, fmt.Sprintf("Kindergartenjahr %s:</strong> %d von %d Plätzen belegt", year, c.Used, c.Places),
			`href="/procedures/new"`, "Familienzentrum nominieren")
		centers := section(t, r.Body, "h-centers")
		stern := centerNamed(t, s, "Familienzentrum Sternstraße")
		seals, err := s.svc.Seals.List(sys, cert.SealFilter{Page: cert.Page{Limit: 10}, CenterID: &stern.ID})
		if err != nil || len(seals.Items) != 1 {
			t.Fatal(seals, err)
		}
		for _, want := range []string{`href="/centers/` + stern.ID.String() + `">Familienzentrum Sternstraße`, `href="/seals/` + seals.Items[0].ID.String() + `"`,
			"Gültig, Rezertifizierung fällig", "31.07.2027", "Abgelaufen"} {
			if !strings.Contains(centers, want) {
				t.Errorf("centers lack %s:\n%s", want, centers)
			}
		}
		open := section(t, r.Body, "h-open")
		if !strings.Contains(open, "Familienzentrum Sternstraße") || !strings.Contains(open, "Ev. Familienzentrum Arche Noah") || !strings.Contains(open, "Nominiert") {
			t.Errorf("open procedures:\n%s", open)
		}
		for _, other := range []string{"Hörde", "St. Antonius", "Dortmund"} {
			if strings.Contains(r.Body, other) {
				t.Errorf("the start page shows %s of another office", other)
			}
		}
	})
}

// nominate creates an initial procedure of a demo center behind the pages.
func nominate(t *testing.T, s *site, center string, year cert.KindergartenYear) cert.Procedure {
	t.Helper()
	p, err := s.svc.Procedures.Create(sys, cert.NewProcedure{CenterID: centerNamed(t, s, center).ID, Kind: cert.KindInitial, Year: year})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAdminAndKitaLeaderStart: the administrator sees the number of accounts and the links
// to users, policy and audit; the Kita leader's start page is still their status page.
func TestAdminAndKitaLeaderStart(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		s.as(t, access.RoleAdmin).get("/").mustSee(t, http.StatusOK, fmt.Sprintf("kitacert hat %d Benutzerkonten", len(s.users)),
			`href="/admin/users"`, `href="/admin/policy"`, `href="/audit"`)
		s.as(t, access.RoleKitaLeader).get("/").mustSee(t, http.StatusOK, "Wo stehen wir?", "Nächster Schritt")
	})
}
