package httpapi_test

import (
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
)

// TestContingentsWhoSets: contingents come from the ministry's decree. Only coordinators
// (and admins) write them; a youth office planner may not change even their own office's
// contingent (403) and reads only their own office's contingents (issue 8).
func TestContingentsWhoSets(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		other := a.youthOffice()
		own := a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": idOf(l.yo), "kindergarten_year": "2026/27", "places": 2})
		foreign := a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": idOf(other), "kindergarten_year": "2026/27", "places": 3})

		// the planner may not hand their office places
		a.must(403, "PATCH", "/api/v1/contingents/"+idOf(own), obj{"places": 10},
			append(bearer(l.planner), "If-Match", quoted(versionOf(own)))...)
		if c := a.get("/api/v1/contingents/" + idOf(own)); c["places"] != float64(2) {
			t.Errorf("places after the planner's PATCH: %v, want 2", c["places"])
		}
		// the coordinator may
		a.must(200, "PATCH", "/api/v1/contingents/"+idOf(own), obj{"places": 4}, "If-Match", quoted(versionOf(own)))

		// the planner reads their own office's contingents only
		items, _ := a.must(200, "GET", "/api/v1/contingents", nil, bearer(l.planner)...)["items"].([]any)
		if len(items) != 1 || idOf(items[0].(map[string]any)) != idOf(own) {
			t.Errorf("planner's contingents: %v, want only %s", items, idOf(own))
		}
		items, _ = a.must(200, "GET", "/api/v1/contingents?youth_office_id="+idOf(other), nil, bearer(l.planner)...)["items"].([]any)
		if len(items) != 0 {
			t.Errorf("planner sees another office's contingents: %v", items)
		}
		// the coordinator sees both
		items, _ = a.get("/api/v1/contingents")["items"].([]any)
		if len(items) != 2 {
			t.Errorf("coordinator's contingents: %d, want 2 (%s, %s)", len(items), idOf(own), idOf(foreign))
		}

		// once 2026/27 is over, its places are history: not even the coordinator changes them
		a.clock.Set(time.Date(2027, 8, 2, 9, 0, 0, 0, time.UTC))
		_, a.token = a.newUser(access.RoleCoordinator, nil, nil) // the first one's token has expired
		own = a.get("/api/v1/contingents/" + idOf(own))
		p := a.must(409, "PATCH", "/api/v1/contingents/"+idOf(own), obj{"places": 9}, "If-Match", quoted(versionOf(own)))
		if errs, _ := p["errors"].([]any); len(errs) != 1 || errs[0].(map[string]any)["field"] != "kindergarten_year" {
			t.Errorf("PATCH of a past year's contingent: %v, want 409 naming kindergarten_year", p)
		}
	})
}
