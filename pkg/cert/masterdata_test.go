package cert

// Pure unit tests of the master-data rules: Validate, normalize (trimming), Apply,
// CheckComposition, paging, cursors, If-Match and the error vocabulary. No database.

import (
	"encoding/base64"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
)

// mdPtr returns a pointer to v.
func mdPtr[T any](v T) *T { return &v }

// mdFields returns the sorted field names of an *Error, nil for a nil error. It fails the
// test when err is not an *Error with code wantCode.
func mdFields(t *testing.T, err error, wantCode string) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *cert.Error", err, err)
	}
	if e.Code != wantCode {
		t.Errorf("code = %q, want %q (%v)", e.Code, wantCode, err)
	}
	if e.Message == "" {
		t.Error("error without a message")
	}
	var out []string
	for _, f := range e.Fields {
		if f.Message == "" {
			t.Errorf("field %q without a message", f.Field)
		}
		out = append(out, f.Field)
	}
	sort.Strings(out)
	return out
}

func mdCheckFields(t *testing.T, err error, wantCode string, want []string) {
	t.Helper()
	got := mdFields(t, err, wantCode)
	w := append([]string(nil), want...)
	sort.Strings(w)
	if len(w) == 0 {
		w = nil
	}
	if diff := cmp.Diff(w, got); diff != "" {
		t.Errorf("fields differ (-want +got):\n%s\nerror: %v", diff, err)
	}
}

func TestYouthOfficeValidate(t *testing.T) {
	valid := YouthOffice{Name: "Jugendamt Düsseldorf", Code: "05111000", Region: RegionRheinland}
	tests := []struct {
		name   string
		modify func(o *YouthOffice)
		want   []string
	}{
		{"valid rheinland", func(o *YouthOffice) {}, nil},
		{"valid westfalen-lippe", func(o *YouthOffice) { o.Region = RegionWestfalenLippe }, nil},
		{"empty name", func(o *YouthOffice) { o.Name = "" }, []string{"name"}},
		{"blank name is trimmed away", func(o *YouthOffice) { o.Name = " \t\n " }, []string{"name"}},
		{"name 200 runes with umlauts", func(o *YouthOffice) { o.Name = strings.Repeat("ä", 200) }, nil},
		{"name 201 runes", func(o *YouthOffice) { o.Name = strings.Repeat("a", 201) }, []string{"name"}},
		{"empty code", func(o *YouthOffice) { o.Code = "  " }, []string{"code"}},
		{"code 32", func(o *YouthOffice) { o.Code = strings.Repeat("1", 32) }, nil},
		{"code 33", func(o *YouthOffice) { o.Code = strings.Repeat("1", 33) }, []string{"code"}},
		{"no region", func(o *YouthOffice) { o.Region = "" }, []string{"region"}},
		{"unknown region", func(o *YouthOffice) { o.Region = "nrw" }, []string{"region"}},
		{"region is case sensitive", func(o *YouthOffice) { o.Region = "Rheinland" }, []string{"region"}},
		{"everything wrong", func(o *YouthOffice) { *o = YouthOffice{} }, []string{"code", "name", "region"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := valid
			tt.modify(&o)
			o.normalize()
			mdCheckFields(t, o.Validate(), EINVALID, tt.want)
		})
	}
}

func TestProviderValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Provider
		want []string
	}{
		{"valid", Provider{Name: "AWO Düsseldorf", Kind: ProviderAWO}, nil},
		{"every kind", Provider{Name: "x", Kind: ProviderParentsInitiative}, nil},
		{"empty name", Provider{Kind: ProviderDRK}, []string{"name"}},
		{"blank name", Provider{Name: "   ", Kind: ProviderDRK}, []string{"name"}},
		{"long name", Provider{Name: strings.Repeat("x", 201), Kind: ProviderDRK}, []string{"name"}},
		{"no kind", Provider{Name: "x"}, []string{"kind"}},
		{"unknown kind", Provider{Name: "x", Kind: "church"}, []string{"kind"}},
		{"both", Provider{}, []string{"kind", "name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p
			p.normalize()
			mdCheckFields(t, p.Validate(), EINVALID, tt.want)
		})
	}
	for _, k := range []ProviderKind{ProviderMunicipal, ProviderCatholic, ProviderProtestant, ProviderAWO, ProviderDRK,
		ProviderParitaetischer, ProviderParentsInitiative, ProviderOther} {
		if !k.Valid() {
			t.Errorf("%q is not Valid", k)
		}
	}
}

func mdValidKita() Kita {
	return Kita{
		Name:          "Kita Sonnenschein",
		ProviderID:    uuid.MustParse("0190d2a0-0000-7000-8000-000000000001"),
		YouthOfficeID: uuid.MustParse("0190d2a0-0000-7000-8000-000000000002"),
		Address:       Address{Street: "Königsallee 1", PostalCode: "40212", City: "Düsseldorf"},
		District:      "Stadtmitte",
		KibizID:       mdPtr("K-4711"),
	}
}

func TestKitaValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(k *Kita)
		want   []string
	}{
		{"valid", func(k *Kita) {}, nil},
		{"no kibiz id", func(k *Kita) { k.KibizID = nil }, nil},
		{"no district", func(k *Kita) { k.District = "" }, nil},
		{"empty name", func(k *Kita) { k.Name = " " }, []string{"name"}},
		{"no provider", func(k *Kita) { k.ProviderID = uuid.Nil }, []string{"provider_id"}},
		{"no youth office", func(k *Kita) { k.YouthOfficeID = uuid.Nil }, []string{"youth_office_id"}},
		{"no street", func(k *Kita) { k.Address.Street = "" }, []string{"address.street"}},
		{"street too long", func(k *Kita) { k.Address.Street = strings.Repeat("s", 201) }, []string{"address.street"}},
		{"postal code four digits", func(k *Kita) { k.Address.PostalCode = "4021" }, []string{"address.postal_code"}},
		{"postal code six digits", func(k *Kita) { k.Address.PostalCode = "402121" }, []string{"address.postal_code"}},
		{"postal code with letter", func(k *Kita) { k.Address.PostalCode = "4021a" }, []string{"address.postal_code"}},
		{"postal code with inner space", func(k *Kita) { k.Address.PostalCode = "402 12" }, []string{"address.postal_code"}},
		{"postal code full-width digits", func(k *Kita) { k.Address.PostalCode = "４０２１２" }, []string{"address.postal_code"}},
		{"postal code empty", func(k *Kita) { k.Address.PostalCode = "" }, []string{"address.postal_code"}},
		{"postal code surrounded by blanks is trimmed", func(k *Kita) { k.Address.PostalCode = " 40212 " }, nil},
		{"no city", func(k *Kita) { k.Address.City = "" }, []string{"address.city"}},
		{"city 100", func(k *Kita) { k.Address.City = strings.Repeat("ü", 100) }, nil},
		{"city 101", func(k *Kita) { k.Address.City = strings.Repeat("c", 101) }, []string{"address.city"}},
		{"district 100", func(k *Kita) { k.District = strings.Repeat("ö", 100) }, nil},
		{"district 101", func(k *Kita) { k.District = strings.Repeat("d", 101) }, []string{"district"}},
		{"blank kibiz id", func(k *Kita) { k.KibizID = mdPtr("   ") }, []string{"kibiz_id"}},
		{"kibiz id 33", func(k *Kita) { k.KibizID = mdPtr(strings.Repeat("9", 33)) }, []string{"kibiz_id"}},
		{"empty kita", func(k *Kita) { *k = Kita{} }, []string{
			"name", "provider_id", "youth_office_id", "address.street", "address.postal_code", "address.city",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := mdValidKita()
			tt.modify(&k)
			k.normalize()
			mdCheckFields(t, k.Validate(), EINVALID, tt.want)
		})
	}
}

func TestKitaNormalize(t *testing.T) {
	k := Kita{
		Name:     "  Kita Regenbogen \n",
		Address:  Address{Street: " Hauptstr. 5 ", PostalCode: "\t40210 ", City: " Düsseldorf  "},
		District: "  Flingern ",
		KibizID:  mdPtr("  K-1 "),
	}
	orig := k.KibizID
	k.normalize()
	want := Kita{
		Name:     "Kita Regenbogen",
		Address:  Address{Street: "Hauptstr. 5", PostalCode: "40210", City: "Düsseldorf"},
		District: "Flingern",
		KibizID:  mdPtr("K-1"),
	}
	if diff := cmp.Diff(want, k, cmp.AllowUnexported(Kita{})); diff != "" {
		t.Errorf("normalize (-want +got):\n%s", diff)
	}
	if *orig != "  K-1 " {
		t.Errorf("normalize wrote through the caller's KibizID pointer: %q", *orig)
	}
}

func TestContactValidate(t *testing.T) {
	kita := uuid.MustParse("0190d2a0-0000-7000-8000-000000000003")
	prov := uuid.MustParse("0190d2a0-0000-7000-8000-000000000004")
	yo := uuid.MustParse("0190d2a0-0000-7000-8000-000000000005")
	valid := Contact{Name: "Erika Mustermann", Email: "erika@example.org", Phone: "+49 (211) 123-45/67", Function: FunctionKitaLeader, KitaID: &kita}
	tests := []struct {
		name   string
		modify func(c *Contact)
		want   []string
	}{
		{"valid", func(c *Contact) {}, nil},
		{"no phone", func(c *Contact) { c.Phone = "" }, nil},
		{"provider owner", func(c *Contact) { c.KitaID, c.ProviderID, c.Function = nil, &prov, FunctionProviderContact }, nil},
		{"youth office owner", func(c *Contact) { c.KitaID, c.YouthOfficeID, c.Function = nil, &yo, FunctionYouthOfficePlanner }, nil},
		{"umlaut name", func(c *Contact) { c.Name = "Jürgen Größ" }, nil},
		{"empty name", func(c *Contact) { c.Name = "" }, []string{"name"}},
		{"empty email", func(c *Contact) { c.Email = "" }, []string{"email"}},
		{"email without at", func(c *Contact) { c.Email = "erika" }, []string{"email"}},
		{"email with display name", func(c *Contact) { c.Email = "Erika <erika@example.org>" }, []string{"email"}},
		{"email with blanks is trimmed", func(c *Contact) { c.Email = "  erika@example.org " }, nil},
		{"email too long", func(c *Contact) { c.Email = strings.Repeat("a", 64) + "@" + strings.Repeat("b", 186) + ".org" }, []string{"email"}},
		{"phone with letters", func(c *Contact) { c.Phone = "0211-KITA" }, []string{"phone"}},
		{"phone 41 chars", func(c *Contact) { c.Phone = strings.Repeat("1", 41) }, []string{"phone"}},
		{"phone 40 chars", func(c *Contact) { c.Phone = strings.Repeat("1", 40) }, nil},
		{"no function", func(c *Contact) { c.Function = "" }, []string{"function"}},
		{"unknown function", func(c *Contact) { c.Function = "boss" }, []string{"function"}},
		{"no owner", func(c *Contact) { c.KitaID = nil }, []string{"kita_id"}},
		{"two owners", func(c *Contact) { c.ProviderID = &prov }, []string{"kita_id"}},
		{"two owners without kita", func(c *Contact) { c.KitaID, c.ProviderID, c.YouthOfficeID = nil, &prov, &yo }, []string{"kita_id"}},
		{"three owners", func(c *Contact) { c.ProviderID, c.YouthOfficeID = &prov, &yo }, []string{"kita_id"}},
		{"everything wrong", func(c *Contact) { *c = Contact{Phone: "x"} }, []string{"email", "function", "kita_id", "name", "phone"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := valid
			tt.modify(&c)
			c.normalize()
			mdCheckFields(t, c.Validate(), EINVALID, tt.want)
		})
	}
}

func TestCenterValidateAndNormalize(t *testing.T) {
	tests := []struct {
		name string
		c    Center
		want []string
	}{
		{"single", Center{Kind: CenterSingle, Name: "FZ Sonnenschein"}, nil},
		{"network with reason", Center{Kind: CenterNetwork, Name: "Verbund Nord", SizeExceptionReason: mdPtr("ländlicher Raum")}, nil},
		{"no kind", Center{Name: "x"}, []string{"kind"}},
		{"unknown kind", Center{Kind: "verbund", Name: "x"}, []string{"kind"}},
		{"no name", Center{Kind: CenterSingle, Name: " "}, []string{"name"}},
		{"single with reason", Center{Kind: CenterSingle, Name: "x", SizeExceptionReason: mdPtr("weil")}, []string{"size_exception_reason"}},
		{"single with blank reason is fine", Center{Kind: CenterSingle, Name: "x", SizeExceptionReason: mdPtr("  ")}, nil},
		{"reason 1000", Center{Kind: CenterNetwork, Name: "x", SizeExceptionReason: mdPtr(strings.Repeat("ß", 1000))}, nil},
		{"reason 1001", Center{Kind: CenterNetwork, Name: "x", SizeExceptionReason: mdPtr(strings.Repeat("r", 1001))}, []string{"size_exception_reason"}},
		{"long reason on single", Center{Kind: CenterSingle, Name: "x", SizeExceptionReason: mdPtr(strings.Repeat("r", 1001))},
			[]string{"size_exception_reason", "size_exception_reason"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.normalize()
			mdCheckFields(t, c.Validate(), EINVALID, tt.want)
		})
	}

	c := Center{Name: "  Verbund Süd ", SizeExceptionReason: mdPtr("  weit verstreut ")}
	c.normalize()
	if c.Name != "Verbund Süd" || c.SizeExceptionReason == nil || *c.SizeExceptionReason != "weit verstreut" {
		t.Errorf("normalize = %q, %v", c.Name, c.SizeExceptionReason)
	}
	c.SizeExceptionReason = mdPtr(" \t")
	c.normalize()
	if c.SizeExceptionReason != nil {
		t.Errorf("blank reason not removed: %q", *c.SizeExceptionReason)
	}
}

func TestOtherNormalize(t *testing.T) {
	o := YouthOffice{Name: " Jugendamt Köln ", Code: " 05315000\t"}
	o.normalize()
	if o.Name != "Jugendamt Köln" || o.Code != "05315000" {
		t.Errorf("youth office normalize = %q, %q", o.Name, o.Code)
	}
	p := Provider{Name: "\n Caritas  "}
	p.normalize()
	if p.Name != "Caritas" {
		t.Errorf("provider normalize = %q", p.Name)
	}
	c := Contact{Name: " Erika ", Email: " e@example.org ", Phone: " 0211 1 "}
	c.normalize()
	if c.Name != "Erika" || c.Email != "e@example.org" || c.Phone != "0211 1" {
		t.Errorf("contact normalize = %q, %q, %q", c.Name, c.Email, c.Phone)
	}
}

// mdMeta is a Meta that Apply must leave untouched.
var mdMeta = Meta{ID: uuid.MustParse("0190d2a0-0000-7000-8000-0000000000aa"), Version: 7}

func TestYouthOfficePatchApply(t *testing.T) {
	base := YouthOffice{Meta: mdMeta, Name: "Jugendamt Essen", Code: "05113000", Region: RegionRheinland}
	tests := []struct {
		name  string
		patch YouthOfficePatch
		want  YouthOffice
	}{
		{"empty patch", YouthOfficePatch{}, base},
		{"name only", YouthOfficePatch{Name: mdPtr("Jugendamt der Stadt Essen")},
			YouthOffice{Meta: mdMeta, Name: "Jugendamt der Stadt Essen", Code: "05113000", Region: RegionRheinland}},
		{"explicit empty", YouthOfficePatch{Name: mdPtr(""), Code: mdPtr("")},
			YouthOffice{Meta: mdMeta, Region: RegionRheinland}},
		{"region", YouthOfficePatch{Region: mdPtr(RegionWestfalenLippe)},
			YouthOffice{Meta: mdMeta, Name: "Jugendamt Essen", Code: "05113000", Region: RegionWestfalenLippe}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.patch.Apply(base)); diff != "" {
				t.Errorf("Apply (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProviderPatchApply(t *testing.T) {
	base := Provider{Meta: mdMeta, Name: "Stadt Essen", Kind: ProviderMunicipal}
	tests := []struct {
		name  string
		patch ProviderPatch
		want  Provider
	}{
		{"empty patch", ProviderPatch{}, base},
		{"kind only", ProviderPatch{Kind: mdPtr(ProviderOther)}, Provider{Meta: mdMeta, Name: "Stadt Essen", Kind: ProviderOther}},
		{"explicit empty name", ProviderPatch{Name: mdPtr("")}, Provider{Meta: mdMeta, Kind: ProviderMunicipal}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.patch.Apply(base)); diff != "" {
				t.Errorf("Apply (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKitaPatchApply(t *testing.T) {
	otherProvider := uuid.MustParse("0190d2a0-0000-7000-8000-0000000000bb")
	base := func() Kita { k := mdValidKita(); k.Meta = mdMeta; return k }
	with := func(f func(k *Kita)) Kita { k := base(); f(&k); return k }
	tests := []struct {
		name  string
		patch KitaPatch
		want  Kita
	}{
		{"empty patch", KitaPatch{}, base()},
		{"empty address patch", KitaPatch{Address: &AddressPatch{}}, base()},
		{"city only keeps street and postal code", KitaPatch{Address: &AddressPatch{City: mdPtr("Essen")}},
			with(func(k *Kita) { k.Address.City = "Essen" })},
		{"street and postal code", KitaPatch{Address: &AddressPatch{Street: mdPtr("Ring 2"), PostalCode: mdPtr("45127")}},
			with(func(k *Kita) { k.Address.Street, k.Address.PostalCode = "Ring 2", "45127" })},
		{"explicit empty district", KitaPatch{District: mdPtr("")}, with(func(k *Kita) { k.District = "" })},
		{"provider", KitaPatch{ProviderID: &otherProvider}, with(func(k *Kita) { k.ProviderID = otherProvider })},
		{"kibiz id not sent", KitaPatch{KibizID: Optional[string]{}}, base()},
		{"kibiz id sent as value", KitaPatch{KibizID: Optional[string]{Set: true, Value: mdPtr("K-9")}},
			with(func(k *Kita) { k.KibizID = mdPtr("K-9") })},
		{"kibiz id sent as null removes it", KitaPatch{KibizID: Optional[string]{Set: true}},
			with(func(k *Kita) { k.KibizID = nil })},
		{"name", KitaPatch{Name: mdPtr("Kita Mond")}, with(func(k *Kita) { k.Name = "Kita Mond" })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			got := tt.patch.Apply(in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Apply (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(base(), in); diff != "" {
				t.Errorf("Apply changed its input (-before +after):\n%s", diff)
			}
		})
	}
}

func TestContactPatchApply(t *testing.T) {
	kita := uuid.MustParse("0190d2a0-0000-7000-8000-0000000000c1")
	prov := uuid.MustParse("0190d2a0-0000-7000-8000-0000000000c2")
	base := Contact{Meta: mdMeta, Name: "Erika", Email: "e@example.org", Phone: "0211 1", Function: FunctionKitaLeader, KitaID: &kita}
	with := func(f func(c *Contact)) Contact { c := base; f(&c); return c }
	tests := []struct {
		name  string
		patch ContactPatch
		want  Contact
	}{
		{"empty patch", ContactPatch{}, base},
		{"explicit empty phone", ContactPatch{Phone: mdPtr("")}, with(func(c *Contact) { c.Phone = "" })},
		{"function", ContactPatch{Function: mdPtr(FunctionOther)}, with(func(c *Contact) { c.Function = FunctionOther })},
		{"move to provider", ContactPatch{KitaID: Optional[uuid.UUID]{Set: true}, ProviderID: Optional[uuid.UUID]{Set: true, Value: &prov}},
			with(func(c *Contact) { c.KitaID, c.ProviderID = nil, &prov })},
		{"null kita only", ContactPatch{KitaID: Optional[uuid.UUID]{Set: true}}, with(func(c *Contact) { c.KitaID = nil })},
		{"unset optional leaves owner", ContactPatch{ProviderID: Optional[uuid.UUID]{Value: &prov}}, base},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.patch.Apply(base)); diff != "" {
				t.Errorf("Apply (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCenterPatchApply(t *testing.T) {
	members := []Membership{{KitaID: uuid.MustParse("0190d2a0-0000-7000-8000-0000000000d1"), Role: RoleGrantRecipient}}
	base := Center{Meta: mdMeta, Kind: CenterNetwork, Name: "Verbund", SizeExceptionReason: mdPtr("ländlich"), Members: members}
	with := func(f func(c *Center)) Center { c := base; f(&c); return c }
	tests := []struct {
		name  string
		patch CenterPatch
		want  Center
	}{
		{"empty patch", CenterPatch{}, base},
		{"name", CenterPatch{Name: mdPtr("Verbund Nord")}, with(func(c *Center) { c.Name = "Verbund Nord" })},
		{"reason null removes it", CenterPatch{SizeExceptionReason: Optional[string]{Set: true}},
			with(func(c *Center) { c.SizeExceptionReason = nil })},
		{"reason value", CenterPatch{SizeExceptionReason: Optional[string]{Set: true, Value: mdPtr("neu")}},
			with(func(c *Center) { c.SizeExceptionReason = mdPtr("neu") })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.patch.Apply(base)); diff != "" {
				t.Errorf("Apply (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckComposition(t *testing.T) {
	k := make([]uuid.UUID, 7)
	for i := range k {
		k[i] = uuid.MustParse(fmt.Sprintf("0190d2a0-0000-7000-8000-0000000001%02d", i))
	}
	left := MustParseDate("2026-01-31")
	m := func(i int, role MemberRole) Membership { return Membership{KitaID: k[i], Role: role} }
	gone := func(i int, role MemberRole) Membership { return Membership{KitaID: k[i], Role: role, LeftOn: left} }
	network := func(n int) []Membership {
		out := []Membership{m(0, RoleGrantRecipient)}
		for i := 1; i < n; i++ {
			out = append(out, m(i, RoleMember))
		}
		return out
	}
	reason := mdPtr("Ausnahme durch das Ministerium")
	tests := []struct {
		name    string
		kind    CenterKind
		reason  *string
		members []Membership
		want    []string
	}{
		{"single without members", CenterSingle, nil, nil, []string{"members", "members"}},
		{"single with its grant recipient", CenterSingle, nil, []Membership{m(0, RoleGrantRecipient)}, nil},
		{"single member must be grant recipient (member)", CenterSingle, nil, []Membership{m(0, RoleMember)}, []string{"members"}},
		{"single member must be grant recipient (contact)", CenterSingle, nil, []Membership{m(0, RoleContact)}, []string{"members"}},
		{"single with two members", CenterSingle, nil, []Membership{m(0, RoleGrantRecipient), m(1, RoleMember)}, []string{"members"}},
		{"single with one active and one past member", CenterSingle, nil, []Membership{gone(1, RoleMember), m(0, RoleGrantRecipient)}, nil},
		{"network without members", CenterNetwork, nil, nil, []string{"members", "members"}},
		{"network with 1", CenterNetwork, nil, network(1), []string{"members"}},
		{"network with 2", CenterNetwork, nil, network(2), nil},
		{"network with 5", CenterNetwork, nil, network(5), nil},
		{"network with 6", CenterNetwork, nil, network(6), []string{"members"}},
		{"network with 6 and exception", CenterNetwork, reason, network(6), nil},
		{"network with 7 and exception", CenterNetwork, reason, network(7), nil},
		{"network with 1 and exception", CenterNetwork, reason, network(1), []string{"members"}},
		{"network with 5 plus one past member", CenterNetwork, nil, append(network(5), gone(5, RoleMember)), nil},
		{"network with 2 active of 3", CenterNetwork, nil, []Membership{m(0, RoleGrantRecipient), gone(1, RoleMember), m(2, RoleMember)}, nil},
		{"two grant recipients", CenterNetwork, nil, []Membership{m(0, RoleGrantRecipient), m(1, RoleGrantRecipient)}, []string{"members"}},
		{"no grant recipient", CenterNetwork, nil, []Membership{m(0, RoleMember), m(1, RoleContact)}, []string{"members"}},
		{"past grant recipient does not count", CenterNetwork, nil, []Membership{gone(0, RoleGrantRecipient), m(1, RoleMember), m(2, RoleMember)}, []string{"members"}},
		{"one contact", CenterNetwork, nil, []Membership{m(0, RoleGrantRecipient), m(1, RoleContact), m(2, RoleMember)}, nil},
		{"two contacts", CenterNetwork, nil, []Membership{m(0, RoleGrantRecipient), m(1, RoleContact), m(2, RoleContact)}, []string{"members"}},
		{"past contact does not count", CenterNetwork, nil, []Membership{m(0, RoleGrantRecipient), gone(1, RoleContact), m(2, RoleContact)}, nil},
		{"duplicate kita", CenterNetwork, nil, []Membership{m(0, RoleGrantRecipient), m(1, RoleMember), m(1, RoleMember)}, []string{"members[2].kita_id"}},
		{"duplicate of the grant recipient", CenterNetwork, nil, []Membership{m(0, RoleGrantRecipient), m(0, RoleMember)}, []string{"members[1].kita_id"}},
		{"rejoin after leaving is no duplicate", CenterNetwork, nil, []Membership{gone(1, RoleMember), m(0, RoleGrantRecipient), m(1, RoleMember)}, nil},
		{"unknown role", CenterNetwork, nil, []Membership{m(0, RoleGrantRecipient), m(1, "boss")}, []string{"members[1].role"}},
		{"empty role", CenterNetwork, nil, []Membership{m(0, RoleGrantRecipient), m(1, "")}, []string{"members[1].role"}},
		{"many faults at once", CenterNetwork, nil,
			[]Membership{m(0, RoleContact), m(0, RoleContact), m(1, RoleMember), m(2, RoleMember), m(3, RoleMember), m(4, RoleMember)},
			[]string{"members[1].kita_id", "members", "members", "members"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Center{Kind: tt.kind, Name: "FZ", SizeExceptionReason: tt.reason, Members: tt.members}
			mdCheckFields(t, c.CheckComposition("members"), EINVALID, tt.want)
		})
	}

	t.Run("field prefix", func(t *testing.T) {
		c := Center{Kind: CenterNetwork, Members: []Membership{m(0, RoleMember), m(0, RoleMember)}}
		mdCheckFields(t, c.CheckComposition("body.members"), EINVALID, []string{"body.members", "body.members[1].kita_id"})
	})
}

func TestNewPage(t *testing.T) {
	id := uuid.MustParse("0190d2a0-1111-7000-8000-000000000001")
	cursor := EncodeCursor(id)
	tests := []struct {
		name     string
		limit    int
		cursor   string
		archived bool
		want     Page
		fields   []string
	}{
		{name: "defaults", want: Page{Limit: DefaultLimit}},
		{name: "limit 1", limit: 1, want: Page{Limit: 1}},
		{name: "limit max", limit: MaxLimit, want: Page{Limit: MaxLimit}},
		{name: "include archived", limit: 10, archived: true, want: Page{Limit: 10, IncludeArchived: true}},
		{name: "cursor", limit: 10, cursor: cursor, want: Page{Limit: 10, After: id.String()}},
		{name: "limit too big", limit: MaxLimit + 1, fields: []string{"limit"}},
		{name: "negative limit", limit: -1, fields: []string{"limit"}},
		{name: "garbage cursor", cursor: "!!!", fields: []string{"cursor"}},
		{name: "base64 of no uuid", cursor: base64.RawURLEncoding.EncodeToString([]byte("hello")), fields: []string{"cursor"}},
		{name: "padded base64", cursor: base64.URLEncoding.EncodeToString([]byte(id.String() + "x")), fields: []string{"cursor"}},
		{name: "raw uuid is no cursor", cursor: id.String(), fields: []string{"cursor"}},
		{name: "both wrong", limit: 1000, cursor: "%%", fields: []string{"cursor", "limit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewPage(tt.limit, tt.cursor, tt.archived)
			mdCheckFields(t, err, EINVALID, tt.fields)
			if tt.fields == nil {
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("NewPage (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestCursorRoundTrip(t *testing.T) {
	for i := 0; i < 20; i++ {
		id := NewID()
		c := EncodeCursor(id)
		if strings.ContainsAny(c, "+/=") {
			t.Errorf("cursor %q is not URL-safe", c)
		}
		got, err := DecodeCursor(c)
		if err != nil || got != id.String() {
			t.Errorf("DecodeCursor(EncodeCursor(%s)) = %q, %v", id, got, err)
		}
	}
	upper := base64.RawURLEncoding.EncodeToString([]byte(strings.ToUpper("0190d2a0-1111-7000-8000-00000000abcd")))
	if got, err := DecodeCursor(upper); err != nil || got != "0190d2a0-1111-7000-8000-00000000abcd" {
		t.Errorf("DecodeCursor of upper-case uuid = %q, %v; want the canonical lower-case id", got, err)
	}
}

func TestNewIDIsTimeOrdered(t *testing.T) {
	prev := NewID()
	if prev.Version() != 7 {
		t.Fatalf("NewID version = %d, want 7", prev.Version())
	}
	for i := 0; i < 1000; i++ {
		id := NewID()
		if id.String() <= prev.String() {
			t.Fatalf("NewID not increasing: %s after %s", id, prev)
		}
		prev = id
	}
}

func TestIfMatchCheck(t *testing.T) {
	tests := []struct {
		name     string
		m        IfMatch
		stored   int
		required bool
		want     string
	}{
		{"missing, required", IfMatch{}, 3, true, EPRECONDITIONREQUIRED},
		{"missing, optional", IfMatch{}, 3, false, ""},
		{"matching", Expect(3), 3, true, ""},
		{"matching, optional", Expect(3), 3, false, ""},
		{"stale", Expect(2), 3, true, EPRECONDITIONFAILED},
		{"stale, optional", Expect(2), 3, false, EPRECONDITIONFAILED},
		{"ahead", Expect(4), 3, true, EPRECONDITIONFAILED},
		{"foreign tag", IfMatch{Given: true, Version: -1}, 3, true, EPRECONDITIONFAILED},
		{"star", IfMatch{Given: true, Any: true}, 3, true, ""},
		{"star, optional", IfMatch{Given: true, Any: true}, 1, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.m.check(tt.stored, tt.required)); got != tt.want {
				t.Errorf("check = %q, want %q", got, tt.want)
			}
		})
	}
	if diff := cmp.Diff(IfMatch{Given: true, Version: 5}, Expect(5)); diff != "" {
		t.Errorf("Expect(5) (-want +got):\n%s", diff)
	}
}

func TestErrorVocabulary(t *testing.T) {
	var v Validation
	if v.Err() != nil {
		t.Fatal("empty Validation has an error")
	}
	v.Check(true, "a", "fine")
	if v.Err() != nil {
		t.Fatal("Check(true) recorded an error")
	}
	v.Check(false, "b", "kaputt")
	v.Add("c", "auch kaputt")
	mdCheckFields(t, v.Err(), EINVALID, []string{"b", "c"})
	if got := v.Err().Error(); got != "invalid: Die Eingaben sind unvollständig oder fehlerhaft. (b: kaputt)" {
		t.Errorf("Error() = %q", got)
	}

	wrapped := fmt.Errorf("context: %w", Conflict("code", "vergeben"))
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"plain error", errors.New("boom"), EINTERNAL},
		{"not found", ErrNotFound, ENOTFOUND},
		{"not found named", NotFound("Kita"), ENOTFOUND},
		{"stale", ErrStale, EPRECONDITIONFAILED},
		{"version required", ErrVersionRequired, EPRECONDITIONREQUIRED},
		{"wrapped conflict", wrapped, ECONFLICT},
		{"errorf", Errorf(EFORBIDDEN, "nein %d", 1), EFORBIDDEN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.err); got != tt.want {
				t.Errorf("ErrorCode = %q, want %q", got, tt.want)
			}
		})
	}
	mdCheckFields(t, wrapped, ECONFLICT, []string{"code"})
	if got := NotFound("Kita").Error(); got != "not_found: Kita nicht gefunden." {
		t.Errorf("NotFound.Error() = %q", got)
	}
	if got := Errorf(ECONFLICT, "x=%d", 2).Message; got != "x=2" {
		t.Errorf("Errorf message = %q", got)
	}
}

func TestSearchKeyAndEnums(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Düsseldorf", "dusseldorf\nduesseldorf"},
		{"DÜSSELDORF", "dusseldorf\nduesseldorf"},
		{"  Kita ÄÖÜ  ", "kita aou\nkita aeoeue"},
		{"Straße", "strasse"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := SearchKey(tt.in); got != tt.want {
			t.Errorf("SearchKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if !RegionRheinland.Valid() || !RegionWestfalenLippe.Valid() || Region("").Valid() {
		t.Error("Region.Valid")
	}
	if !CenterSingle.Valid() || !CenterNetwork.Valid() || CenterKind("x").Valid() {
		t.Error("CenterKind.Valid")
	}
	if !RoleGrantRecipient.Valid() || !RoleContact.Valid() || !RoleMember.Valid() || MemberRole("").Valid() {
		t.Error("MemberRole.Valid")
	}
	for _, f := range []ContactFunction{FunctionKitaLeader, FunctionProviderContact, FunctionYouthOfficePlanner, FunctionOther} {
		if !f.Valid() {
			t.Errorf("%q not Valid", f)
		}
	}
	if ContactFunction("").Valid() {
		t.Error("empty function Valid")
	}
	var m Meta
	if m.Archived() {
		t.Error("zero Meta archived")
	}
	if !(Membership{}).Active() || (Membership{LeftOn: MustParseDate("2026-01-01")}).Active() {
		t.Error("Membership.Active")
	}
}
