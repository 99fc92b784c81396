package httpapi_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/kitacert/kitacert/pkg/store"
)

// stmtKey marks the context of a request whose statements are counted.
type stmtKey struct{}

// stmtLog collects the statements run for one request.
type stmtLog struct {
	mu   sync.Mutex
	sqls []string
}

func (l *stmtLog) add(sql string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sqls = append(l.sqls, sql)
}

// countStatements makes db record every statement run with a context that carries a
// *stmtLog: queries, scans of raw statements, exec, inserts, updates and deletes.
func countStatements(t *testing.T, db *store.DB) {
	t.Helper()
	record := func(tx *gorm.DB) {
		if l, ok := tx.Statement.Context.Value(stmtKey{}).(*stmtLog); ok {
			l.add(tx.Statement.SQL.String())
		}
	}
	cb := db.Gorm().Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("test:count_query", record),
		cb.Row().After("gorm:row").Register("test:count_row", record),
		cb.Raw().After("gorm:raw").Register("test:count_raw", record),
		cb.Create().After("gorm:create").Register("test:count_create", record),
		cb.Update().After("gorm:update").Register("test:count_update", record),
		cb.Delete().After("gorm:delete").Register("test:count_delete", record),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// counted sends a GET with a bearer token and returns its status and statements.
func (a *env) counted(path, token string) (int, []string) {
	a.t.Helper()
	l := &stmtLog{}
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req = req.WithContext(context.WithValue(req.Context(), stmtKey{}, l))
	rec := httptest.NewRecorder()
	a.e.ServeHTTP(rec, req)
	return rec.Code, l.sqls
}

// TestStatusReadIsTwoStatements: once the token is known (the first request reads it and
// may write its last use), a status read of a Kita or a center with a seal and an open
// procedure runs at most two statements; the principal comes from the cache, the status
// from one statement.
func TestStatusReadIsTwoStatements(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		certifyQuickly(t, l, idOf(a.must(201, "POST", "/api/v1/procedures",
			obj{"center_id": idOf(l.single), "kind": "recertification", "kindergarten_year": "2026/27"})))
		l.travel(day("2029-10-01"))
		l.toScheduled(l.single, "2029/30", "2030-01-15", "2030-02-14")
		countStatements(t, a.db)
		for _, c := range []struct{ name, path, token string }{
			{"kita, leader", "/api/v1/kitas/" + idOf(l.kitas[0]) + "/status", l.leader},
			{"center, coordinator", "/api/v1/centers/" + idOf(l.single) + "/status", a.token},
			{"kita, youth office", "/api/v1/kitas/" + idOf(l.kitas[0]) + "/status", l.planner},
		} {
			if st, _ := a.counted(c.path, c.token); st != 200 { // warm-up: fills the principal cache
				t.Fatalf("%s: warm-up status %d", c.name, st)
			}
			st, sqls := a.counted(c.path, c.token)
			if st != 200 {
				t.Fatalf("%s: status %d", c.name, st)
			}
			if len(sqls) == 0 || len(sqls) > 2 {
				t.Errorf("%s: %d statements, want 1 or 2:\n%s", c.name, len(sqls), strings.Join(sqls, "\n---\n"))
			}
		}
		// the answer still has everything: seal, open procedure with its actions
		st := a.get("/api/v1/centers/" + idOf(l.single) + "/status")
		if st["seal"] == nil || st["open_procedure"] == nil || st["open_procedure"].(obj)["state"] != "visit_scheduled" {
			t.Errorf("status: %v", st)
		}
	})
}
