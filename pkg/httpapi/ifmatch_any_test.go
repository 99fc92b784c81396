package httpapi_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// TestIfMatchAnySerialisesConcurrentPatches: "If-Match: *" means "whatever the version",
// so 20 concurrent PATCHes with it all succeed and the version advances by 20.
func TestIfMatchAnySerialisesConcurrentPatches(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, a *env) {
		yo, pr := a.youthOffice(), a.provider()
		k := a.kita(yo, pr)
		path := kitasPath + "/" + idOf(k)
		const n = 20
		statuses := make([]int, n)
		bodies := make([][]byte, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				r := a.do("PATCH", path, obj{"district": fmt.Sprintf("Bezirk %d", i)}, "If-Match", "*")
				statuses[i], bodies[i] = r.Status, r.Body
			}()
		}
		close(start)
		wg.Wait()
		for i, s := range statuses {
			if s != http.StatusOK {
				t.Errorf("request %d: status %d: %s", i, s, bodies[i])
			}
		}
		if got := a.get(path); versionOf(got) != versionOf(k)+n {
			t.Errorf("version %d after %d writes on version %d", versionOf(got), n, versionOf(k))
		}
	})
}
