package httpapi_test

import (
	"net/http"
	"testing"
)

func TestSmokeKitaLifecycle(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		yo := a.must(201, "POST", "/api/v1/youth-offices", map[string]any{"name": "Jugendamt Düsseldorf", "code": "05111000", "region": "rheinland"})
		pr := a.must(201, "POST", "/api/v1/providers", map[string]any{"name": "AWO Düsseldorf", "kind": "awo"})
		k := a.must(201, "POST", "/api/v1/kitas", map[string]any{
			"name": "Kita Sonnenschein", "provider_id": pr["id"], "youth_office_id": yo["id"],
			"address": map[string]any{"street": "Kirchplatz 1", "postal_code": "40210", "city": "Düsseldorf"},
		})
		r := a.do("GET", "/api/v1/kitas/"+k["id"].(string), nil)
		if r.Status != 200 || r.Header.Get("ETag") != `"1"` {
			t.Fatalf("get: %d %q %s", r.Status, r.Header.Get("ETag"), r.Body)
		}
		a.must(http.StatusPreconditionRequired, "PATCH", "/api/v1/kitas/"+k["id"].(string), map[string]any{"district": ""})
		got := a.must(200, "PATCH", "/api/v1/kitas/"+k["id"].(string), map[string]any{"district": "Altstadt", "kibiz_id": "K-1"}, "If-Match", `"1"`)
		if got["district"] != "Altstadt" || got["version"] != float64(2) {
			t.Fatalf("patched: %v", got)
		}
		a.must(http.StatusPreconditionFailed, "PATCH", "/api/v1/kitas/"+k["id"].(string), map[string]any{"district": ""}, "If-Match", `"1"`)
	})
}
