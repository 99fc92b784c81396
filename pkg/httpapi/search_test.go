package httpapi_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

// search lists path with q and returns the names (or another field) of the items found.
func (a *env) search(path, q, field string) []string {
	a.t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	var out []string
	for _, it := range items(a.t, a.get(path+sep+"q="+url.QueryEscape(q))) {
		out = append(out, it[field].(string))
	}
	return out
}

// TestSearchFoldsLikePeopleType: ß as ss, umlauts as a/o/u and ae/oe/ue, accents, case
// and Unicode form do not matter, on every searchable list and both databases.
func TestSearchFoldsLikePeopleType(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(obj{"name": "Jugendamt Düsseldorf"}), a.provider(obj{"name": "Träger Süd"})
		stern := a.kita(yo, pr, obj{"name": "Städtische Kita Sternstraße"})
		a.kita(yo, pr, obj{"name": "Kita Ru\u0308ttenscheid"}) // sent decomposed (NFD)
		a.kita(yo, pr, obj{"name": "Café Kunterbunt"})
		a.center("single", "Familienzentrum Großer Bär", members(stern))
		a.contact("kita_id", idOf(stern), obj{"name": "Jürgen Weiß"})
		for _, c := range []struct {
			path, q string
			want    []string
		}{
			{kitasPath, "sternstrasse", []string{"Städtische Kita Sternstraße"}},
			{kitasPath, "STERNSTRASSE", []string{"Städtische Kita Sternstraße"}},
			{kitasPath, "staedtische", []string{"Städtische Kita Sternstraße"}},
			{kitasPath, "stadtische kita stern", []string{"Städtische Kita Sternstraße"}},
			{kitasPath, "Rüttenscheid", []string{"Kita Ru\u0308ttenscheid"}},      // NFC finds NFD
			{kitasPath, "ruettenscheid", []string{"Kita Ru\u0308ttenscheid"}},     // ue for ü
			{kitasPath, "Ka\u0301fe", nil},                                        // different letters stay different
			{kitasPath, "cafe", []string{"Café Kunterbunt"}},                      // accents do not matter
			{kitasPath, "100%", nil},                                              // LIKE wildcards are literal
			{youthOfficesPath, "duesseldorf", []string{"Jugendamt Düsseldorf"}},   // ue for ü
			{youthOfficesPath, "DUSSELDORF", []string{"Jugendamt Düsseldorf"}},    // u for ü
			{providersPath, "traeger sued", []string{"Träger Süd"}},               //
			{centersPath, "grosser baer", []string{"Familienzentrum Großer Bär"}}, //
			{contactsPath, "juergen weiss", []string{"Jürgen Weiß"}},              //
			{contactsPath, "Ju\u0308rgen Wei\u00df", []string{"Jürgen Weiß"}},     //
		} {
			t.Run(c.path+" "+c.q, func(t *testing.T) {
				got := a.in(t).search(c.path, c.q, "name")
				if strings.Join(got, "|") != strings.Join(c.want, "|") {
					t.Errorf("q=%q found %q, want %q", c.q, got, c.want)
				}
			})
		}

		// Rows written before the search keys were folded are found once the migration
		// step has rebuilt their keys.
		if err := a.db.Gorm().Exec("UPDATE kitas SET search_name = 'alt'").Error; err != nil {
			t.Fatal(err)
		}
		if got := a.search(kitasPath, "sternstrasse", "name"); len(got) != 0 {
			t.Fatalf("found before the rebuild: %q", got)
		}
		if err := a.db.RebuildSearchKeys(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := a.search(kitasPath, "sternstrasse", "name"); len(got) != 1 {
			t.Errorf("after the rebuild: %q", got)
		}
	})
}

// TestEveryListTakesQ covers the lists whose q used to be ignored: seals and procedures
// (the center's name, the certification number), notifications (the center's name, the
// recipient) and the audit trail (action, resource id, recorded values).
func TestEveryListTakesQ(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		stern := a.center("single", "Familienzentrum Sternstraße", members(a.kita(yo, pr, obj{"name": "Kita Stern"})))
		other := a.center("single", "Familienzentrum Mond", members(a.kita(yo, pr, obj{"name": "Kita Mond"})))
		seal := a.storedSeal(stern, "2025-08-01", "2029-07-31")
		a.storedSeal(other, "2025-08-01", "2029-07-31")
		number := seal["certification_number"].(string)

		for _, c := range []struct{ path, q, want string }{
			{sealsPath, "sternstrasse", number},
			{sealsPath, strings.ToLower(number), number},
			{sealsPath, "nirgendwo", ""},
			{proceduresPath, "STERNSTRASSE", number},
			{proceduresPath, number, number},
			{proceduresPath, "nirgendwo", ""},
		} {
			got := a.search(c.path, c.q, "certification_number")
			if strings.Join(got, "|") != c.want {
				t.Errorf("%s?q=%s found %q, want %q", c.path, c.q, got, c.want)
			}
		}

		centerID := uuidOf(stern)
		n := notify.Notification{ID: cert.NewID(), CreatedAt: a.clock.Now(), DedupKey: "test:q", SubjectType: "seal",
			CenterID: &centerID, Reminder: notify.SealMonths3, DueOn: cert.MustParseDate("2026-11-22"), Channel: notify.ChannelEmail,
			Recipient: "Leitung.Stern@example.org", RecipientName: "Frau Özdemir", RecipientRole: notify.ToKitaLeader,
			Status: notify.StatusPending, NextAttemptAt: a.clock.Now()}
		failedNotification(a) // another center, another recipient
		if _, err := a.db.InsertNotifications(context.Background(), []notify.Notification{n}); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"sternstrasse", "leitung.stern@", "LEITUNG.STERN", "Özdemir"} {
			if got := a.search("/api/v1/notifications", q, "recipient"); strings.Join(got, "|") != n.Recipient {
				t.Errorf("notifications?q=%s found %q", q, got)
			}
		}

		got := a.search("/api/v1/audit?resource_type=center", "STERNSTRA", "resource_id")
		if strings.Join(got, "|") != idOf(stern) {
			t.Errorf("audit?q=STERNSTRA found %q, want the center", got)
		}
	})
}

// TestListFilters covers the filters users reached for: open procedures, the audit trail
// by resource type as its entries spell it, newest first, and from/to as plain days.
func TestListFilters(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		done := a.center("single", "FZ Fertig", members(a.kita(yo, pr, obj{"name": "Kita A"})))
		running := a.center("single", "FZ Laufend", members(a.kita(yo, pr, obj{"name": "Kita B"})))
		finished := a.storedSeal(done, "2025-08-01", "2029-07-31")["procedure_id"].(string)
		now := a.clock.Now().UTC()
		p := cert.Procedure{ID: cert.NewID(), Version: 1, CreatedAt: now, UpdatedAt: now, CenterID: uuidOf(running),
			YouthOfficeID: uuidOf(yo), Kind: cert.KindInitial, Year: 2026, CatalogueVersion: "seal-http", State: cert.StateRegistered}
		if err := a.db.CreateProcedure(sys, &p); err != nil {
			t.Fatal(err)
		}
		first := a.get("/api/v1/audit?limit=1")["items"].([]any)[0].(obj)["id"]
		runCases(t, a, []apiCase{
			{name: "open procedures", method: "GET", path: proceduresPath + "?open=true", status: 200, check: wantIDs(p.ID.String())},
			{name: "finished procedures", method: "GET", path: proceduresPath + "?open=false", status: 200, check: wantIDs(finished)},
			{name: "open is a boolean", method: "GET", path: proceduresPath + "?open=ja", status: 400, problem: probValidation, fields: []string{"open"}},
			{name: "audit by resource type", method: "GET", path: "/api/v1/audit?resource_type=kita", status: 200, check: func(t *testing.T, r response) {
				list := items(t, r.JSON(t))
				if len(list) != 2 {
					t.Fatalf("%d kita entries, want 2", len(list))
				}
				for _, e := range list {
					if e["resource_type"] != "kita" {
						t.Errorf("entry of %v", e["resource_type"])
					}
				}
			}},
			{name: "audit resource type as the path spells it", method: "GET", path: "/api/v1/audit?resource_type=kitas", status: 400,
				problem: probValidation, fields: []string{"resource_type"}, check: wantMessage("resource_type", "„kita“")},
			{name: "audit newest first", method: "GET", path: "/api/v1/audit?order=newest_first", status: 200, check: func(t *testing.T, r response) {
				list := items(t, r.JSON(t))
				if len(list) < 3 || list[len(list)-1]["id"] != first || list[0]["id"].(string) <= list[1]["id"].(string) {
					t.Errorf("not newest first: %v", listIDs(t, r.JSON(t)))
				}
			}},
			{name: "audit newest first pages", method: "GET", path: "/api/v1/audit?order=newest_first&limit=2", status: 200, check: func(t *testing.T, r response) {
				all, _ := walk(a.in(t), "/api/v1/audit", "order=newest_first&limit=2")
				want := listIDs(t, a.get("/api/v1/audit?order=newest_first"))
				if strings.Join(all, ",") != strings.Join(want, ",") {
					t.Errorf("pages %v, want %v", all, want)
				}
			}},
			{name: "audit from a day", method: "GET", path: "/api/v1/audit?from=2026-11-22&limit=500", status: 200, check: countItems(a, ">0")},
			{name: "audit from the next day", method: "GET", path: "/api/v1/audit?from=2026-11-23", status: 200, check: countItems(a, "0")},
			{name: "audit to a day includes it", method: "GET", path: "/api/v1/audit?to=2026-11-22", status: 200, check: countItems(a, ">0")},
			{name: "audit to the day before", method: "GET", path: "/api/v1/audit?to=2026-11-21", status: 200, check: countItems(a, "0")},
			{name: "audit from a time", method: "GET", path: "/api/v1/audit?from=2026-11-22T09:00:00Z", status: 200, check: countItems(a, ">0")},
			{name: "audit from nonsense", method: "GET", path: "/api/v1/audit?from=gestern", status: 400, problem: probValidation,
				fields: []string{"from"}, check: wantMessage("from", "JJJJ-MM-TT")},
		})
	})
}

// countItems checks the number of items of a list answer: "0" or ">0".
func countItems(a *env, want string) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		n := len(items(t, r.JSON(t)))
		if (want == "0") != (n == 0) {
			t.Errorf("%d items, want %s", n, want)
		}
	}
}
