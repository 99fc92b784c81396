package cert

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// ---- Catalogues and Assessments on an in-memory store ----

// memStore keeps catalogues (decoded, for the tests to look at; the store methods pass
// records as the real store does), findings and procedures in maps: CataloguesStore,
// AssessmentsStore, a TxRunner and an AuditAppender.
type memStore struct {
	catalogues map[string]Catalogue
	items      map[uuid.UUID][]AssessmentItem
	procedures map[uuid.UUID]Procedure
	audit      []AuditEntry
}

func newMemStore() *memStore {
	return &memStore{catalogues: map[string]Catalogue{}, items: map[uuid.UUID][]AssessmentItem{}, procedures: map[uuid.UUID]Procedure{}}
}

func (m *memStore) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return fn(ctx)
}
func (m *memStore) LockProcedure(context.Context, uuid.UUID) error { return nil }
func (m *memStore) PutCatalogue(_ context.Context, r CatalogueRecord) error {
	c, err := r.Catalogue()
	if err != nil {
		return err
	}
	m.catalogues[r.Version] = c
	return nil
}
func (m *memStore) Catalogue(_ context.Context, version string) (CatalogueRecord, error) {
	c, ok := m.catalogues[version]
	if !ok {
		return CatalogueRecord{}, ErrNotFound
	}
	return c.Record()
}
func (m *memStore) Catalogues(context.Context) ([]CatalogueRecord, error) {
	var out []CatalogueRecord
	for _, c := range m.catalogues {
		r, err := c.Record()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
func (m *memStore) AssessmentItems(_ context.Context, id uuid.UUID) ([]AssessmentItem, error) {
	return sortedItems(m.items[id]), nil
}
func (m *memStore) PutAssessmentItems(_ context.Context, id uuid.UUID, items []AssessmentItem) error {
	m.items[id] = items
	return nil
}
func (m *memStore) CatalogueInUse(_ context.Context, version string) (bool, error) {
	for id, items := range m.items {
		if len(items) > 0 && m.procedures[id].CatalogueVersion == version {
			return true, nil
		}
	}
	return false, nil
}
func (m *memStore) Procedure(_ context.Context, id uuid.UUID) (Procedure, error) {
	p, ok := m.procedures[id]
	if !ok {
		return Procedure{}, ErrNotFound
	}
	return p, nil
}
func (m *memStore) AppendAudit(_ context.Context, e *AuditEntry) error {
	m.audit = append(m.audit, *e)
	return nil
}

// catServices are the catalogue services on one memStore.
type catServices struct {
	*Catalogues
	assessments *Assessments
}

func memService(t *testing.T) (catServices, *memStore) {
	t.Helper()
	m := newMemStore()
	c := core{tx: m, log: m, clock: NewFixedClock(time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)), loc: time.UTC}
	cat := newCatalogues(c, m)
	return catServices{Catalogues: cat, assessments: newAssessments(c, m, cat)}, m
}

var catSys = access.WithPrincipal(context.Background(), access.System)

func catAs(p access.Principal) context.Context { return access.WithPrincipal(context.Background(), p) }

func TestLatestCatalogueVersion(t *testing.T) {
	svc, m := memService(t)
	_, err := svc.latestVersion(catSys)
	mdCheckFields(t, err, ECONFLICT, []string{"catalogue_version"})
	if !strings.Contains(err.Error(), "Es ist noch kein Kriterienkatalog geladen.") {
		t.Errorf("error = %v", err)
	}
	steps := []struct {
		version      string
		illustrative bool
		want         string
	}{
		{"2020-illustrativ", true, "2020-illustrativ"},
		{"2019-beispiel", true, "2020-illustrativ"}, // string order among samples
		{"2010", false, "2010"},                     // an official catalogue beats every sample
		{"2020", false, "2020"},
		{"2006", false, "2020"},
		{"2020a", false, "2020a"},
	}
	for _, s := range steps {
		m.catalogues[s.version] = Catalogue{Version: s.version, Illustrative: s.illustrative}
		got, err := svc.latestVersion(catSys)
		if err != nil || got != s.want {
			t.Errorf("after loading %s: %q, %v; want %q", s.version, got, err, s.want)
		}
	}
}

func TestPutCatalogueService(t *testing.T) {
	svc, m := memService(t)
	user := uuid.New()
	coordinator := catAs(access.Principal{UserID: user, Role: access.RoleCoordinator})
	c := testCatalogue(t)
	c.Title = "  Testkatalog  "

	for _, role := range []access.Role{access.RoleAdmin, access.RoleAssessor, access.RoleYouthOffice, access.RoleKitaLeader} {
		_, _, err := svc.Put(catAs(access.Principal{UserID: uuid.New(), Role: role}), c)
		mdCheckFields(t, err, EFORBIDDEN, nil)
	}
	if _, _, err := svc.Put(context.Background(), c); ErrorCode(err) != EUNAUTHORIZED {
		t.Errorf("without a principal: %v", err)
	}
	bad := c
	bad.Version = "a b"
	_, _, err := svc.Put(coordinator, bad)
	mdCheckFields(t, err, EINVALID, []string{"version"})
	if len(m.catalogues) != 0 || len(m.audit) != 0 {
		t.Fatalf("refused puts stored something: %d catalogues, %d audit entries", len(m.catalogues), len(m.audit))
	}

	got, created, err := svc.Put(coordinator, c)
	if err != nil || !created {
		t.Fatalf("first put: created %v, %v", created, err)
	}
	if got.Title != "Testkatalog" || got.LoadedBy == nil || *got.LoadedBy != user || !got.LoadedAt.Equal(svc.now()) {
		t.Errorf("put returned title %q, loaded by %v at %v", got.Title, got.LoadedBy, got.LoadedAt)
	}
	if c.Title != "  Testkatalog  " {
		t.Error("PutCatalogue changed the caller's catalogue")
	}
	if _, created, err := svc.Put(catSys, c); err != nil || created {
		t.Fatalf("second put: created %v, %v", created, err)
	}
	if m.catalogues["2020"].LoadedBy != nil {
		t.Error("a put by the system has a LoadedBy")
	}
	if len(m.audit) != 2 || m.audit[0].Action != "catalogue.put" || m.audit[0].ResourceID != "2020" || m.audit[0].Before != nil {
		t.Errorf("audit = %+v", m.audit)
	}

	// Findings recorded against the version: it cannot be replaced any more.
	pid := uuid.New()
	m.procedures[pid] = Procedure{ID: pid, CatalogueVersion: "2020"}
	m.items[pid] = []AssessmentItem{{Code: "1.1", Met: true}}
	_, _, err = svc.Put(coordinator, c)
	mdCheckFields(t, err, ECONFLICT, []string{"version"})
	other := c
	other.Version = "2021"
	if _, created, err := svc.Put(coordinator, other); err != nil || !created {
		t.Errorf("a new version beside one in use: created %v, %v", created, err)
	}

	// Reading: every role may; without a principal nobody.
	for _, role := range []access.Role{access.RoleAdmin, access.RoleAssessor, access.RoleYouthOffice, access.RoleKitaLeader} {
		ctx := catAs(access.Principal{UserID: uuid.New(), Role: role})
		if _, err := svc.Get(ctx, "2020"); err != nil {
			t.Errorf("%s reads the catalogue: %v", role, err)
		}
		if list, err := svc.List(ctx); err != nil || len(list) != 2 {
			t.Errorf("%s lists %d catalogues, %v", role, len(list), err)
		}
	}
	if _, err := svc.Get(catSys, "1999"); ErrorCode(err) != ENOTFOUND || !strings.Contains(err.Error(), "Kriterienkatalog") {
		t.Errorf("unknown version: %v", err)
	}
	if _, err := svc.List(context.Background()); ErrorCode(err) != EUNAUTHORIZED {
		t.Errorf("list without a principal: %v", err)
	}
}

func TestAssessmentService(t *testing.T) {
	svc, m := memService(t)
	c := testCatalogue(t)
	m.catalogues[c.Version] = c
	yo, otherYO := uuid.New(), uuid.New()
	related := access.Related{YouthOfficeIDs: []uuid.UUID{yo}}
	newProc := func(st State) uuid.UUID {
		id := uuid.New()
		m.procedures[id] = Procedure{ID: id, CatalogueVersion: c.Version, State: st, Related: related}
		return id
	}
	assessor := catAs(access.Principal{UserID: uuid.New(), Role: access.RoleAssessor})
	items := []AssessmentItem{{Code: "2.1", Met: true}, {Code: "1.3.1", Met: true, Note: " vor Ort gesehen "}, {Code: "1.1", Met: false}}

	// The states in which findings may be recorded, and the others.
	for _, st := range States {
		id := newProc(st)
		a, err := svc.assessments.Put(assessor, id, items)
		if assessable(st) != (err == nil) {
			t.Errorf("state %s: err %v", st, err)
		}
		if err != nil {
			mdCheckFields(t, err, ECONFLICT, nil)
			continue
		}
		wantItems := []AssessmentItem{{Code: "1.1"}, {Code: "1.3.1", Met: true, Note: "vor Ort gesehen"}, {Code: "2.1", Met: true}}
		if d := cmp.Diff(wantItems, a.Items); d != "" {
			t.Errorf("items (-want +got):\n%s", d)
		}
		if !a.Score.Passed || a.Score.Areas[0].Points != 3 || a.Score.Areas[1].Points != 2 || a.CatalogueVersion != "2020" || a.ProcedureID != id {
			t.Errorf("assessment = %+v", a)
		}
		got, err := svc.assessments.Get(assessor, id)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(a, got); d != "" {
			t.Errorf("Assessment differs from what PutAssessment returned (-put +get):\n%s", d)
		}
		score, err := svc.assessments.score(catSys, m.procedures[id])
		if err != nil || !cmp.Equal(score, a.Score) {
			t.Errorf("assessmentScore = %+v, %v", score, err)
		}
	}

	id := newProc(StateInReview)
	empty, err := svc.assessments.Get(assessor, id)
	if err != nil || len(empty.Items) != 0 || empty.Score.Passed || len(empty.Score.Areas) != 2 {
		t.Errorf("assessment without findings = %+v, %v", empty, err)
	}

	// Who may: assessors record; the office of the procedure reads; others see nothing.
	office := catAs(access.Principal{UserID: uuid.New(), Role: access.RoleYouthOffice, YouthOfficeID: &yo})
	stranger := catAs(access.Principal{UserID: uuid.New(), Role: access.RoleYouthOffice, YouthOfficeID: &otherYO})
	coordinator := catAs(access.Principal{UserID: uuid.New(), Role: access.RoleCoordinator})
	if _, err := svc.assessments.Get(office, id); err != nil {
		t.Errorf("the procedure's youth office reads: %v", err)
	}
	if _, err := svc.assessments.Get(stranger, id); ErrorCode(err) != ENOTFOUND {
		t.Errorf("another youth office reads: %v", err)
	}
	if _, err := svc.assessments.Put(office, id, items); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("the youth office records: %v", err)
	}
	if _, err := svc.assessments.Put(coordinator, id, items); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a coordinator records: %v", err)
	}
	if _, err := svc.assessments.Put(stranger, id, items); ErrorCode(err) != ENOTFOUND {
		t.Errorf("another youth office records: %v", err)
	}
	if _, err := svc.assessments.Put(assessor, uuid.New(), items); ErrorCode(err) != ENOTFOUND {
		t.Errorf("unknown procedure: %v", err)
	}

	// The findings are checked before the state (docs/access.md).
	decided := newProc(StateCertified)
	_, err = svc.assessments.Put(assessor, decided, []AssessmentItem{{Code: "9"}})
	mdCheckFields(t, err, EINVALID, []string{"criteria[0].code"})

	// Bad findings change nothing.
	before := len(m.audit)
	_, err = svc.assessments.Put(assessor, id, []AssessmentItem{{Code: "1.1"}, {Code: "9"}, {Code: "1.1"}})
	mdCheckFields(t, err, EINVALID, []string{"criteria[1].code", "criteria[2].code"})
	if len(m.items[id]) != 0 || len(m.audit) != before {
		t.Error("refused findings were stored")
	}

	// Replacing findings replaces them all; the audit entry records the change.
	if _, err := svc.assessments.Put(assessor, id, items); err != nil {
		t.Fatal(err)
	}
	a, err := svc.assessments.Put(assessor, id, []AssessmentItem{{Code: "1.2", Met: true}})
	if err != nil || len(a.Items) != 1 || a.Score.Areas[0].Points != 1 {
		t.Fatalf("replaced assessment = %+v, %v", a, err)
	}
	last := m.audit[len(m.audit)-1]
	if last.Action != "assessment.put" || last.ResourceType != "procedure" || last.ResourceID != id.String() ||
		last.After["criteria.1.2"] != true || last.Before["passed"] != true || last.After["passed"] != false {
		t.Errorf("audit entry = %+v", last)
	}
	if _, ok := last.Before["criteria.1.3.1.note"].(string); !ok || strings.Contains(last.Before["criteria.1.3.1.note"].(string), "Ort") {
		t.Errorf("the note is not masked in the audit trail: %+v", last.Before)
	}
}

func TestErrorsAreCertErrors(t *testing.T) {
	// Every error of the parser is an *Error, also for a document that is no JSON at all.
	for _, raw := range []string{"", "x", "[", `{"version": 1}`} {
		_, err := ParseCatalogue([]byte(raw))
		var e *Error
		if !errors.As(err, &e) || e.Code != EINVALID || len(e.Fields) == 0 {
			t.Errorf("ParseCatalogue(%q) = %v", raw, err)
		}
	}
}

// CancelProcedureReminders: the in-memory store keeps no outbox.
func (m *memStore) CancelProcedureReminders(context.Context, uuid.UUID) (int, error) { return 0, nil }

// CancelSealReminders: the in-memory store keeps no outbox.
func (m *memStore) CancelSealReminders(context.Context, uuid.UUID) (int, error) { return 0, nil }
