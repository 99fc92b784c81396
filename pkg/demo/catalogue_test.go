package demo

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestIllustrativeCatalogue checks the sample against domain.md: the eight areas with
// their German names and kinds, 3 to 6 criteria each with both levels in use, the groups
// 1.1 AND 1.1.1 and 1.3 OR 1.3.1, reachable minimums, and a title that says what it is.
func TestIllustrativeCatalogue(t *testing.T) {
	c, err := cert.ParseCatalogue(IllustrativeCatalogue())
	if err != nil {
		t.Fatalf("the illustrative catalogue does not parse: %v", err)
	}
	if c.Version != IllustrativeCatalogueVersion || !c.Illustrative {
		t.Errorf("version %q, illustrative %v", c.Version, c.Illustrative)
	}
	if !strings.Contains(c.Title, "Illustrativ") || !strings.Contains(c.Title, "nicht der amtliche Katalog") {
		t.Errorf("title %q does not say that it is an illustration", c.Title)
	}
	type area struct {
		Code, Name string
		Kind       cert.AreaKind
	}
	want := []area{
		{"1", "Beratung und Unterstützung von Kindern und Familien", cert.AreaService},
		{"2", "Familienbildung und Erziehungspartnerschaft", cert.AreaService},
		{"3", "Kindertagespflege", cert.AreaService},
		{"4", "Vereinbarkeit von Beruf und Familie", cert.AreaService},
		{"5", "Sozialraumbezug", cert.AreaStructure},
		{"6", "Kooperation und Organisation", cert.AreaStructure},
		{"7", "Kommunikation", cert.AreaStructure},
		{"8", "Leistungsentwicklung und Selbstevaluation", cert.AreaStructure},
	}
	var got []area
	levels := map[cert.Level]int{}
	var all []cert.AssessmentItem
	for _, a := range c.Areas {
		got = append(got, area{a.Code, a.Name, a.Kind})
		if n := len(a.Criteria); n < 3 || n > 6 {
			t.Errorf("area %s has %d criteria, want 3 to 6", a.Code, n)
		}
		if a.MinPoints <= 0 {
			t.Errorf("area %s has no minimum", a.Code)
		}
		for _, cr := range a.Criteria {
			levels[cr.Level]++
			if cr.Points <= 0 || cr.Text == "" {
				t.Errorf("criterion %s: %d points, text %q", cr.Code, cr.Points, cr.Text)
			}
			all = append(all, cert.AssessmentItem{Code: cr.Code, Met: true})
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("areas (-domain.md +catalogue):\n%s", d)
	}
	if levels[cert.LevelBasic] == 0 || levels[cert.LevelAdvanced] == 0 {
		t.Errorf("levels in use: %v", levels)
	}
	groups := map[string]cert.GroupRule{}
	for _, g := range c.Groups {
		groups[strings.Join(g.Criteria, "+")] = g.Rule
	}
	if groups["1.1+1.1.1"] != cert.RuleAnd || groups["1.3+1.3.1"] != cert.RuleOr {
		t.Errorf("groups = %v, want 1.1 AND 1.1.1 and 1.3 OR 1.3.1", groups)
	}

	// Everything met passes; only the basic criteria do not (the minimums need more).
	s, err := c.Score(all)
	if err != nil || !s.Passed {
		t.Errorf("everything met: %+v, %v", s, err)
	}
	var basic []cert.AssessmentItem
	for _, it := range all {
		for _, a := range c.Areas {
			for _, cr := range a.Criteria {
				if cr.Code == it.Code && cr.Level == cert.LevelBasic {
					basic = append(basic, it)
				}
			}
		}
	}
	if s, _ := c.Score(basic); s.Passed {
		t.Errorf("the basic criteria alone pass: %+v", s)
	}

	// IllustrativeCatalogue returns a copy.
	b := IllustrativeCatalogue()
	b[0] = 'x'
	if IllustrativeCatalogue()[0] != '{' {
		t.Error("IllustrativeCatalogue hands out the embedded bytes")
	}
}

func TestLoadCatalogueIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		clock := cert.NewFixedClock(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC))
		svc := cert.New(db, clock, time.UTC, cert.Settings{CertificationNumberFormat: "FZ-{year}-{seq}"})
		if err := LoadCatalogue(sysCtx(), svc); err != nil {
			t.Fatal(err)
		}
		first, err := svc.Catalogues.Get(sysCtx(), IllustrativeCatalogueVersion)
		if err != nil {
			t.Fatal(err)
		}
		clock.Set(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
		if err := LoadCatalogue(sysCtx(), svc); err != nil {
			t.Fatal(err)
		}
		list, err := svc.Catalogues.List(sysCtx())
		if err != nil || len(list) != 1 {
			t.Fatalf("catalogues after two loads: %d, %v", len(list), err)
		}
		if !list[0].LoadedAt.Equal(first.LoadedAt) {
			t.Errorf("the second load replaced the catalogue: loaded at %v, first %v", list[0].LoadedAt, first.LoadedAt)
		}
	})
}
