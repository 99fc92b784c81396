package httpapi_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/kitacert/kitacert/api"
	"github.com/kitacert/kitacert/pkg/cert"
)

// TestCatalogueLimitsMatchTheSpec: the limits of a catalogue and of an assessment are
// defined once in pkg/cert (catalogue_limits.go); the spec states them again for the
// request validator. This test fails when the two drift apart.
func TestCatalogueLimitsMatchTheSpec(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	prop := func(schema, name string) *openapi3.Schema {
		t.Helper()
		s := doc.Components.Schemas[schema]
		if s == nil || s.Value.Properties[name] == nil {
			t.Fatalf("the spec has no %s.%s", schema, name)
		}
		return s.Value.Properties[name].Value
	}
	num := func(p *float64) int {
		if p == nil {
			return -1
		}
		return int(*p)
	}
	maxLen := func(s *openapi3.Schema) int {
		if s.MaxLength == nil {
			return -1
		}
		return int(*s.MaxLength)
	}
	maxItems := func(s *openapi3.Schema) int {
		if s.MaxItems == nil {
			return -1
		}
		return int(*s.MaxItems)
	}
	checks := []struct {
		what      string
		spec, got int
	}{
		{"CatalogueDocument.title maxLength", maxLen(prop("CatalogueDocument", "title")), cert.MaxCatalogueTitleLen},
		{"CatalogueDocument.title minLength", int(prop("CatalogueDocument", "title").MinLength), 1},
		{"CatalogueDocument.areas minItems", int(prop("CatalogueDocument", "areas").MinItems), 1},
		{"CatalogueDocument.areas maxItems", maxItems(prop("CatalogueDocument", "areas")), cert.MaxCatalogueAreas},
		{"CatalogueDocument.groups maxItems", maxItems(prop("CatalogueDocument", "groups")), cert.MaxCatalogueGroups},
		{"CatalogueArea.code maxLength", maxLen(prop("CatalogueArea", "code")), cert.MaxAreaCodeLen},
		{"CatalogueArea.name maxLength", maxLen(prop("CatalogueArea", "name")), cert.MaxAreaNameLen},
		{"CatalogueArea.min_points minimum", num(prop("CatalogueArea", "min_points").Min), 0},
		{"CatalogueArea.min_points maximum", num(prop("CatalogueArea", "min_points").Max), cert.MaxAreaMinPoints},
		{"CatalogueArea.criteria maxItems", maxItems(prop("CatalogueArea", "criteria")), cert.MaxAreaCriteria},
		{"Criterion.code maxLength", maxLen(prop("Criterion", "code")), cert.MaxCriterionCodeLen},
		{"Criterion.text maxLength", maxLen(prop("Criterion", "text")), cert.MaxCriterionTextLen},
		{"Criterion.points minimum", num(prop("Criterion", "points").Min), 0},
		{"Criterion.points maximum", num(prop("Criterion", "points").Max), cert.MaxCriterionPoints},
		{"CriteriaGroup.code maxLength", maxLen(prop("CriteriaGroup", "code")), cert.MaxGroupCodeLen},
		{"CriteriaGroup.criteria minItems", int(prop("CriteriaGroup", "criteria").MinItems), cert.MinGroupCriteria},
		{"CriteriaGroup.criteria maxItems", maxItems(prop("CriteriaGroup", "criteria")), cert.MaxGroupCriteria},
		{"AssessmentItem.code maxLength", maxLen(prop("AssessmentItem", "code")), cert.MaxCriterionCodeLen},
		{"AssessmentItem.note maxLength", maxLen(prop("AssessmentItem", "note")), cert.MaxAssessmentNoteSize},
		{"AssessmentPut.criteria maxItems", maxItems(prop("AssessmentPut", "criteria")), cert.MaxAssessmentItems},
		{"ProcedureCreate.catalogue_version maxLength", maxLen(prop("ProcedureCreate", "catalogue_version")), cert.MaxCatalogueVersionLen},
	}
	for _, c := range checks {
		if c.spec != c.got {
			t.Errorf("%s: the spec says %d, pkg/cert %d", c.what, c.spec, c.got)
		}
	}

	// The version's pattern, in the document and in the path.
	if p := prop("CatalogueDocument", "version").Pattern; p != cert.CatalogueVersionPattern() {
		t.Errorf("CatalogueDocument.version pattern %q, pkg/cert %q", p, cert.CatalogueVersionPattern())
	}
	item := doc.Paths.Find("/api/v1/catalogues/{version}")
	if item == nil || len(item.Parameters) != 1 || item.Parameters[0].Value.Schema.Value.Pattern != cert.CatalogueVersionPattern() {
		t.Errorf("the path parameter version does not have the pattern %q", cert.CatalogueVersionPattern())
	}

	// The codes of the enums are the ones the domain knows.
	enums := []struct {
		what  string
		valid func(string) bool
	}{
		{"CatalogueArea.kind", func(s string) bool { return cert.AreaKind(s).Valid() }},
		{"Criterion.level", func(s string) bool { return cert.Level(s).Valid() }},
		{"CriteriaGroup.rule", func(s string) bool { return cert.GroupRule(s).Valid() }},
	}
	for _, e := range enums {
		schema, name, _ := strings.Cut(e.what, ".")
		vals := prop(schema, name).Enum
		if len(vals) != 2 {
			t.Errorf("%s: %d codes in the spec, pkg/cert knows 2", e.what, len(vals))
		}
		for _, v := range vals {
			if s, _ := v.(string); !e.valid(s) {
				t.Errorf("%s: the spec's code %v is unknown to pkg/cert", e.what, v)
			}
		}
	}
}

// TestCatalogueDocumentShapeMatchesTheSpec: a file loaded with `kitacert catalogue import`
// is read by cert.ParseCatalogue, a body of PUT /catalogues/{version} by the request
// validator from the spec. Both must know the same members and require the same ones:
// for every object of the document, each member of the spec is removed in turn (an
// error naming it exactly when the spec requires it) and an unknown member is added.
func TestCatalogueDocumentShapeMatchesTheSpec(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		t.Fatal(err)
	}
	valid := func() map[string]any {
		return map[string]any{"version": "T1", "title": "T", "illustrative": true,
			"areas": []any{map[string]any{"code": "1", "name": "A", "kind": "service", "min_points": 1, "criteria": []any{
				map[string]any{"code": "1.1", "text": "x", "level": "basic", "points": 1},
				map[string]any{"code": "1.2", "level": "advanced", "points": 1}}}},
			"groups": []any{map[string]any{"code": "G", "rule": "or", "criteria": []any{"1.1", "1.2"}}}}
	}
	objects := []struct {
		schema string
		path   string
		at     func(d map[string]any) map[string]any
	}{
		{"CatalogueDocument", "", func(d map[string]any) map[string]any { return d }},
		{"CatalogueArea", "areas[0]", func(d map[string]any) map[string]any { return d["areas"].([]any)[0].(map[string]any) }},
		{"Criterion", "areas[0].criteria[0]", func(d map[string]any) map[string]any {
			return d["areas"].([]any)[0].(map[string]any)["criteria"].([]any)[0].(map[string]any)
		}},
		{"CriteriaGroup", "groups[0]", func(d map[string]any) map[string]any { return d["groups"].([]any)[0].(map[string]any) }},
	}
	parse := func(d map[string]any) error {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		_, err = cert.ParseCatalogue(b)
		return err
	}
	if err := parse(valid()); err != nil {
		t.Fatalf("the valid document: %v", err)
	}
	for _, o := range objects {
		s := doc.Components.Schemas[o.schema].Value
		if s.AdditionalProperties.Has == nil || *s.AdditionalProperties.Has {
			t.Errorf("%s allows unknown members in the spec; pkg/cert refuses them", o.schema)
		}
		field := func(name string) string {
			if o.path == "" {
				return name
			}
			return o.path + "." + name
		}
		for name := range s.Properties {
			d := valid()
			delete(o.at(d), name)
			err := parse(d)
			required := slices.Contains(s.Required, name)
			switch {
			case required && !hasField(err, field(name)):
				t.Errorf("%s.%s is required in the spec; without it ParseCatalogue says %v", o.schema, name, err)
			case !required && err != nil:
				t.Errorf("%s.%s is optional in the spec; without it ParseCatalogue says %v", o.schema, name, err)
			}
		}
		d := valid()
		o.at(d)["zz_unknown"] = 1
		if err := parse(d); !hasField(err, field("zz_unknown")) {
			t.Errorf("%s: an unknown member: %v", o.schema, err)
		}
	}
}

// hasField reports whether err is a *cert.Error naming field.
func hasField(err error, field string) bool {
	e, ok := err.(*cert.Error)
	if !ok {
		return false
	}
	return slices.ContainsFunc(e.Fields, func(f cert.FieldError) bool { return f.Field == field })
}
