package cert

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestVariantOf: the four questionnaires follow from the center's kind and the procedure's.
func TestVariantOf(t *testing.T) {
	for _, c := range []struct {
		ck   CenterKind
		pk   ProcedureKind
		want Variant
	}{
		{CenterSingle, KindInitial, VariantSingleInitial},
		{CenterSingle, KindRecertification, VariantSingleRecertification},
		{CenterNetwork, KindInitial, VariantNetworkInitial},
		{CenterNetwork, KindRecertification, VariantNetworkRecertification},
	} {
		if got := VariantOf(c.ck, c.pk); got != c.want {
			t.Errorf("VariantOf(%s, %s) = %s, want %s", c.ck, c.pk, got, c.want)
		}
	}
}

// TestCatalogueVariants: a criterion names the questionnaires it belongs to, or none (all
// four); unknown and repeated variants are refused at their path.
func TestCatalogueVariants(t *testing.T) {
	doc := func(variants string) []byte {
		return []byte(`{"version":"V","title":"T","areas":[{"code":"1","name":"A","kind":"service","min_points":0,"criteria":[
			{"code":"1.1","level":"basic","points":1},
			{"code":"1.2","level":"advanced","points":1` + variants + `}]}]}`)
	}
	c, err := ParseCatalogue(doc(`,"variants":["network_initial","network_recertification"]`))
	if err != nil {
		t.Fatal(err)
	}
	all, network := c.Areas[0].Criteria[0], c.Areas[0].Criteria[1]
	for _, v := range Variants {
		if !all.AppliesTo(v) {
			t.Errorf("a criterion without variants does not apply to %s", v)
		}
		if want := strings.HasPrefix(string(v), "network"); network.AppliesTo(v) != want {
			t.Errorf("network criterion applies to %s: %v", v, !want)
		}
	}
	indented, err := c.MarshalDocument()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, indented); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, `"variants":["network_initial","network_recertification"]`) || strings.Count(out, "variants") != 1 {
		t.Errorf("document: %s", out)
	}
	for _, bad := range []struct{ variants, field string }{
		{`,"variants":["single_initial","kita"]`, "areas[0].criteria[1].variants[1]"},
		{`,"variants":["single_initial","single_initial"]`, "areas[0].criteria[1].variants[1]"},
	} {
		_, err := ParseCatalogue(doc(bad.variants))
		fields := FieldsOf(err)
		if len(fields) != 1 || fields[0].Field != bad.field {
			t.Errorf("%s: %v", bad.variants, err)
		}
	}
}
