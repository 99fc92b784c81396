package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// testCatalogue is a small catalogue with an AND and an OR group.
func testCatalogue(version string) cert.Catalogue {
	return cert.Catalogue{Version: version, Title: "Testkatalog " + version, Illustrative: true,
		Areas: []cert.Area{
			{Code: "1", Name: "Beratung und Unterstützung", Kind: cert.AreaService, MinPoints: 3, Criteria: []cert.Criterion{
				{Code: "1.1", Text: "Kooperation mit einer Beratungsstelle", Level: cert.LevelBasic, Points: 2},
				{Code: "1.1.1", Text: "Offene Sprechstunde", Level: cert.LevelAdvanced, Points: 1},
				{Code: "1.3", Level: cert.LevelBasic, Points: 2},
				{Code: "1.3.1", Level: cert.LevelAdvanced, Points: 3},
			}},
			{Code: "7", Name: "Kommunikation", Kind: cert.AreaStructure, MinPoints: 1, Criteria: []cert.Criterion{
				{Code: "7.1", Text: "Programm „halbjährlich“ veröffentlicht", Level: cert.LevelBasic, Points: 1},
			}},
		},
		Groups: []cert.CriteriaGroup{
			{Code: "G1.1", Rule: cert.RuleAnd, Criteria: []string{"1.1", "1.1.1"}},
			{Code: "G1.3", Rule: cert.RuleOr, Criteria: []string{"1.3", "1.3.1"}},
		},
	}
}

// catalogueRecord renders c as the service hands it to the store.
func catalogueRecord(t *testing.T, c cert.Catalogue) cert.CatalogueRecord {
	t.Helper()
	r, err := c.Record()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCatalogueStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		list, err := e.svc.Catalogues.List(e.ctx)
		if err != nil || len(list) != 0 {
			t.Fatalf("catalogues of an empty database: %v, %v", list, err)
		}
		_, err = e.svc.Catalogues.Get(e.ctx, "2020")
		wantErr(t, err, cert.ENOTFOUND, "")

		// Put a new version: created, stored exactly, loaded by the coordinator now.
		user := uuid.New()
		coordinator := access.WithPrincipal(e.ctx, access.Principal{UserID: user, Role: access.RoleCoordinator})
		want := testCatalogue("2020")
		got, created, err := e.svc.Catalogues.Put(coordinator, want)
		if err != nil || !created {
			t.Fatalf("PutCatalogue: created %v, %v", created, err)
		}
		want.LoadedAt, want.LoadedBy = svcStart.Truncate(time.Microsecond), &user
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("PutCatalogue returned (-want +got):\n%s", d)
		}
		read, err := e.svc.Catalogues.Get(e.ctx, "2020")
		mustOK(t, err)
		if d := cmp.Diff(want, read); d != "" {
			t.Errorf("Catalogue read back (-want +got):\n%s", d)
		}

		// The list is in version order (byte order), whatever the order of loading.
		for _, v := range []string{"2010", "2006-07", "2019"} {
			if _, created, err := e.svc.Catalogues.Put(e.ctx, testCatalogue(v)); err != nil || !created {
				t.Fatalf("PutCatalogue(%s): created %v, %v", v, created, err)
			}
		}
		list, err = e.svc.Catalogues.List(e.ctx)
		mustOK(t, err)
		var versions []string
		for _, c := range list {
			versions = append(versions, c.Version)
		}
		if d := cmp.Diff([]string{"2006-07", "2010", "2019", "2020"}, versions); d != "" {
			t.Errorf("listed versions (-want +got):\n%s", d)
		}
		if list[3].CriteriaCount() != 5 || len(list[3].Groups) != 2 {
			t.Errorf("listed catalogue lost its content: %+v", list[3])
		}

		// Replace: not created; the new content, time and loader count.
		e.clock.Set(svcStart.Add(time.Hour))
		next := testCatalogue("2020")
		next.Title, next.Illustrative = "Katalog 2020, zweite Fassung", false
		next.Areas[1].Criteria = append(next.Areas[1].Criteria, cert.Criterion{Code: "7.2", Level: cert.LevelAdvanced, Points: 2})
		next.Groups = next.Groups[:1]
		if _, created, err := e.svc.Catalogues.Put(e.ctx, next); err != nil || created {
			t.Fatalf("replacing: created %v, %v", created, err)
		}
		read, err = e.svc.Catalogues.Get(e.ctx, "2020")
		mustOK(t, err)
		next.LoadedAt = svcStart.Add(time.Hour).Truncate(time.Microsecond)
		if d := cmp.Diff(next, read); d != "" {
			t.Errorf("replaced catalogue (-want +got):\n%s", d)
		}

		// Refused: invalid documents, and roles without catalogue.write.
		bad := testCatalogue("2021")
		bad.Groups[0].Criteria = []string{"1.1", "9.9"}
		_, _, err = e.svc.Catalogues.Put(e.ctx, bad)
		wantErr(t, err, cert.EINVALID, "groups[0].criteria[1]")
		assessor := access.WithPrincipal(e.ctx, access.Principal{UserID: uuid.New(), Role: access.RoleAssessor})
		_, _, err = e.svc.Catalogues.Put(assessor, testCatalogue("2021"))
		wantErr(t, err, cert.EFORBIDDEN, "")
		if _, err := e.svc.Catalogues.Get(e.ctx, "2021"); cert.ErrorCode(err) != cert.ENOTFOUND {
			t.Errorf("a refused catalogue was stored: %v", err)
		}

		// Every put is in the audit trail.
		trail, err := e.svc.Audit.List(e.ctx, cert.AuditFilter{ResourceType: "catalogue", ResourceID: "2020"})
		mustOK(t, err)
		if len(trail.Items) != 2 || trail.Items[0].Action != "catalogue.put" || trail.Items[0].Before != nil ||
			trail.Items[0].ActorID == nil || *trail.Items[0].ActorID != user ||
			trail.Items[1].Before["title"] != "Testkatalog 2020" || trail.Items[1].After["title"] != "Katalog 2020, zweite Fassung" {
			t.Errorf("audit trail = %+v", trail.Items)
		}
	})
}

// procedureIn stores a procedure of center c in state st directly through the store.
func (e *svcEnv) procedureIn(t *testing.T, c cert.Center, office cert.YouthOffice, version string, st cert.State) cert.Procedure {
	t.Helper()
	now := e.clock.Now().UTC().Truncate(time.Microsecond)
	p := cert.Procedure{ID: cert.NewID(), Version: 1, CreatedAt: now, UpdatedAt: now, CenterID: c.ID, YouthOfficeID: office.ID,
		Kind: cert.KindInitial, Year: 2025, CatalogueVersion: version, State: st}
	mustOK(t, e.db.CreateProcedure(e.ctx, &p))
	return p
}

func TestCatalogueInUseAndAssessment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		for _, v := range []string{"2020", "2021"} {
			_, _, err := e.svc.Catalogues.Put(e.ctx, testCatalogue(v))
			mustOK(t, err)
		}
		pr, office := e.provider(t, "Träger"), e.youthOffice(t, "Jugendamt")
		k1, k2 := e.kita(t, "Kita Eins", "Düsseldorf", pr, office), e.kita(t, "Kita Zwei", "Düsseldorf", pr, office)
		reviewed := e.procedureIn(t, e.center(t, cert.CenterSingle, "FZ Eins", grant(k1)), office, "2020", cert.StateInReview)
		registered := e.procedureIn(t, e.center(t, cert.CenterSingle, "FZ Zwei", grant(k2)), office, "2020", cert.StateRegistered)

		inUse := func(v string) bool {
			t.Helper()
			used, err := db.CatalogueInUse(e.ctx, v)
			mustOK(t, err)
			return used
		}
		if inUse("2020") {
			t.Fatal("a catalogue without findings is in use")
		}
		// Procedures without findings do not keep their catalogue from being replaced.
		if _, created, err := e.svc.Catalogues.Put(e.ctx, testCatalogue("2020")); err != nil || created {
			t.Fatalf("replacing a catalogue that procedures refer to: created %v, %v", created, err)
		}

		// No findings yet: every area at zero.
		a, err := e.svc.Assessments.Get(e.ctx, reviewed.ID)
		mustOK(t, err)
		if len(a.Items) != 0 || a.Score.Passed || len(a.Score.Areas) != 2 || a.CatalogueVersion != "2020" {
			t.Errorf("assessment without findings = %+v", a)
		}

		_, err = e.svc.Assessments.Put(e.ctx, registered.ID, []cert.AssessmentItem{{Code: "1.1", Met: true}})
		wantErr(t, err, cert.ECONFLICT, "")
		_, err = e.svc.Assessments.Put(e.ctx, reviewed.ID, []cert.AssessmentItem{{Code: "1.1", Met: true}, {Code: "8.1", Met: true}})
		wantErr(t, err, cert.EINVALID, "criteria[1].code")
		if inUse("2020") {
			t.Fatal("refused findings put the catalogue in use")
		}

		items := []cert.AssessmentItem{{Code: "7.1", Met: true, Note: "Aushang gesehen"}, {Code: "1.3.1", Met: true}, {Code: "1.1", Met: true}}
		a, err = e.svc.Assessments.Put(e.ctx, reviewed.ID, items)
		mustOK(t, err)
		want := cert.Assessment{ProcedureID: reviewed.ID, CatalogueVersion: "2020",
			Items: []cert.AssessmentItem{{Code: "1.1", Met: true}, {Code: "1.3.1", Met: true}, {Code: "7.1", Met: true, Note: "Aushang gesehen"}},
			Score: cert.Score{Passed: true, Areas: []cert.AreaScore{
				{Code: "1", Name: "Beratung und Unterstützung", Points: 3, MinPoints: 3, Passed: true},
				{Code: "7", Name: "Kommunikation", Points: 1, MinPoints: 1, Passed: true},
			}}}
		if d := cmp.Diff(want, a); d != "" {
			t.Errorf("PutAssessment (-want +got):\n%s", d)
		}
		read, err := e.svc.Assessments.Get(e.ctx, reviewed.ID)
		mustOK(t, err)
		if d := cmp.Diff(want, read); d != "" {
			t.Errorf("Assessment read back (-want +got):\n%s", d)
		}

		// Findings recorded: the version is in use and cannot be replaced; others can.
		if !inUse("2020") || inUse("2021") {
			t.Errorf("in use: 2020 %v, 2021 %v; want true, false", inUse("2020"), inUse("2021"))
		}
		_, _, err = e.svc.Catalogues.Put(e.ctx, testCatalogue("2020"))
		wantErr(t, err, cert.ECONFLICT, "version")
		_, _, err = e.svc.Catalogues.Put(e.ctx, testCatalogue("2021"))
		mustOK(t, err)

		// Replacing findings replaces all of them.
		a, err = e.svc.Assessments.Put(e.ctx, reviewed.ID, []cert.AssessmentItem{{Code: "1.3", Met: false}})
		mustOK(t, err)
		if len(a.Items) != 1 || a.Score.Passed {
			t.Errorf("replaced assessment = %+v", a)
		}
		trail, err := e.svc.Audit.List(e.ctx, cert.AuditFilter{ResourceType: "procedure", ResourceID: reviewed.ID.String()})
		mustOK(t, err)
		var puts int
		for _, en := range trail.Items {
			if en.Action == "assessment.put" {
				puts++
			}
		}
		if puts != 2 {
			t.Errorf("%d assessment.put audit entries, want 2", puts)
		}
	})
}

// TestCatalogueRecordStore: the store keeps the record it is given, the document as bytes
// it does not read, and returns it unchanged; listing is in byte order of the version.
func TestCatalogueRecordStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		user := uuid.New()
		at := time.Date(2026, 3, 1, 9, 30, 0, 123000, time.UTC)
		recs := []cert.CatalogueRecord{
			{Version: "2020", Title: "Katalog „2020“", Illustrative: false, Document: []byte(`{"not":"read by the store"}`), LoadedAt: at, LoadedBy: &user},
			{Version: "2019-beispiel", Title: "Beispiel", Illustrative: true, Document: []byte("{\n  \"areas\": []\n}"), LoadedAt: at},
		}
		for _, r := range recs {
			mustOK(t, db.PutCatalogue(ctx, r))
		}
		got, err := db.Catalogue(ctx, "2020")
		mustOK(t, err)
		if d := cmp.Diff(recs[0], got); d != "" {
			t.Errorf("Catalogue (-put +read):\n%s", d)
		}
		list, err := db.Catalogues(ctx)
		mustOK(t, err)
		if d := cmp.Diff([]cert.CatalogueRecord{recs[1], recs[0]}, list); d != "" {
			t.Errorf("Catalogues (-want +got):\n%s", d)
		}
		replaced := recs[0]
		replaced.Title, replaced.Document, replaced.LoadedBy = "Neu", []byte(`{}`), nil
		mustOK(t, db.PutCatalogue(ctx, replaced))
		if got, _ := db.Catalogue(ctx, "2020"); !cmp.Equal(replaced, got) {
			t.Errorf("after replacing: %+v", got)
		}
		_, err = db.Catalogue(ctx, "1999")
		wantErr(t, err, cert.ENOTFOUND, "")
	})
}

// TestAssessmentItemsStore checks the store's order (byte order of the code, the same on
// every database) and that a put replaces everything.
func TestAssessmentItemsStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		_, _, err := e.svc.Catalogues.Put(e.ctx, testCatalogue("2020"))
		mustOK(t, err)
		pr, office := e.provider(t, "Träger"), e.youthOffice(t, "Jugendamt")
		k := e.kita(t, "Kita", "Düsseldorf", pr, office)
		p := e.procedureIn(t, e.center(t, cert.CenterSingle, "FZ", grant(k)), office, "2020", cert.StateInReview)

		items := []cert.AssessmentItem{{Code: "2.1", Met: true}, {Code: "1.10", Note: "Notiz"}, {Code: "1.2", Met: true}, {Code: "1-2"}}
		mustOK(t, db.PutAssessmentItems(e.ctx, p.ID, items))
		got, err := db.AssessmentItems(e.ctx, p.ID)
		mustOK(t, err)
		want := []cert.AssessmentItem{{Code: "1-2"}, {Code: "1.10", Note: "Notiz"}, {Code: "1.2", Met: true}, {Code: "2.1", Met: true}}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("AssessmentItems (-want +got):\n%s", d)
		}
		mustOK(t, db.PutAssessmentItems(e.ctx, p.ID, items[:1]))
		if got, _ := db.AssessmentItems(e.ctx, p.ID); len(got) != 1 {
			t.Errorf("after replacing with one finding: %+v", got)
		}
		mustOK(t, db.PutAssessmentItems(e.ctx, p.ID, nil))
		if got, _ := db.AssessmentItems(e.ctx, p.ID); len(got) != 0 {
			t.Errorf("after replacing with none: %+v", got)
		}
		if got, err := db.AssessmentItems(e.ctx, uuid.New()); err != nil || len(got) != 0 {
			t.Errorf("findings of an unknown procedure: %v, %v", got, err)
		}
	})
}

// TestCatalogueReplaceWaitsForFindings: recording findings reads the catalogue first in
// its transaction (as PutAssessment does), which locks it (PostgreSQL: the catalogue row;
// SQLite: the write lock, taken at BEGIN). A replacement that starts meanwhile waits for
// that transaction: it cannot get through before its deadline, and once the findings are
// committed it sees them and refuses to overwrite the catalogue they were scored with.
func TestCatalogueReplaceWaitsForFindings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		_, _, err := e.svc.Catalogues.Put(e.ctx, testCatalogue("2020"))
		mustOK(t, err)
		pr, office := e.provider(t, "Träger"), e.youthOffice(t, "Jugendamt")
		k := e.kita(t, "Kita", "Düsseldorf", pr, office)
		p := e.procedureIn(t, e.center(t, cert.CenterSingle, "FZ", grant(k)), office, "2020", cert.StateInReview)

		locked, replaced, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		go func() {
			done <- db.InTx(e.ctx, func(ctx context.Context) error {
				if _, err := db.Catalogue(ctx, "2020"); err != nil {
					return err
				}
				close(locked)
				<-replaced // the replacement below has waited for this transaction
				return db.PutAssessmentItems(ctx, p.ID, []cert.AssessmentItem{{Code: "1.1", Met: true}})
			})
		}()
		select {
		case <-locked:
		case err := <-done:
			t.Fatalf("the recording transaction ended early: %v", err)
		}
		ctx, cancel := context.WithTimeout(e.ctx, 200*time.Millisecond)
		_, _, err = e.svc.Catalogues.Put(ctx, testCatalogue("2020"))
		cancel()
		close(replaced)
		if !errors.Is(err, context.DeadlineExceeded) && !store.IsUnavailable(err) {
			t.Errorf("replacement while findings are being recorded: %v, want it to wait until its deadline", err)
		}
		mustOK(t, <-done)
		_, _, err = e.svc.Catalogues.Put(e.ctx, testCatalogue("2020"))
		wantErr(t, err, cert.ECONFLICT, "version")
	})
}
