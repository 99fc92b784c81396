package demo

import "github.com/kitacert/kitacert/pkg/cert"

// The data set is plain tables: youth offices and providers here, Kitas in data_kitas.go,
// centers in data_centers.go. Rows refer to each other by code (youth offices) or key.
// Every person is fictitious; e-mail addresses use example.org and example.com only.

// person is a fictitious contact person.
type person struct{ name, email, phone string }

type youthOfficeData struct {
	code     string // unique; the "DEMO-" prefix and the official municipality key (AGS)
	name     string
	region   cert.Region
	city     string // the city of its Kitas
	planners []person
}

type providerData struct {
	key     string
	name    string
	kind    cert.ProviderKind
	contact person
}

// Youth office codes.
const (
	jaDuesseldorf = "DEMO-05111000"
	jaDortmund    = "DEMO-05913000"
	jaKoeln       = "DEMO-05315000"
	jaBochum      = "DEMO-05911000"
)

// youthOffices are the youth offices; Köln and Bochum have no Kitas in the demo data.
var youthOffices = []youthOfficeData{
	{jaDuesseldorf, "Jugendamt Düsseldorf", cert.RegionRheinland, "Düsseldorf", []person{
		{"Katrin Wagner", "k.wagner@example.com", "0211 5550-201"},
		{"Thomas Schmitz", "t.schmitz@example.com", "0211 5550-202"},
	}},
	{jaDortmund, "Jugendamt Dortmund", cert.RegionWestfalenLippe, "Dortmund", []person{
		{"Melanie Krüger", "m.krueger@example.com", "0231 5550-201"},
		{"Jan Hoffmann", "j.hoffmann@example.com", "0231 5550-202"},
	}},
	{jaKoeln, "Jugendamt Köln", cert.RegionRheinland, "Köln", []person{
		{"Birgit Schäfer", "b.schaefer@example.com", "0221 5550-201"},
	}},
	{jaBochum, "Jugendamt Bochum", cert.RegionWestfalenLippe, "Bochum", []person{
		{"Oliver Neumann", "o.neumann@example.com", "0234 5550-201"},
	}},
}

// Provider keys.
const (
	pDusStadt = "dus-stadt"
	pDusKath  = "dus-kath"
	pDusEv    = "dus-ev"
	pDusAWO   = "dus-awo"
	pDusDRK   = "dus-drk"
	pDusPari  = "dus-pari"
	pDusEI    = "dus-ei"
	pDoStadt  = "do-stadt"
	pDoKath   = "do-kath"
	pDoEv     = "do-ev"
	pDoAWO    = "do-awo"
	pDoDRK    = "do-drk"
	pDoPari   = "do-pari"
	pDoEI     = "do-ei"
)

// providers are the providers, one of each kind per city.
var providers = []providerData{
	{pDusStadt, "Landeshauptstadt Düsseldorf – Städtische Kitas", cert.ProviderMunicipal, person{"Frank Meyer", "f.meyer@example.com", "0211 5550-301"}},
	{pDusKath, "Katholischer Kita-Verbund Düsseldorf gGmbH", cert.ProviderCatholic, person{"Dorothee Fischer", "d.fischer@example.com", "0211 5550-302"}},
	{pDusEv, "Evangelischer Kita-Verbund Düsseldorf", cert.ProviderProtestant, person{"Michael Roth", "m.roth@example.com", "0211 5550-303"}},
	{pDusAWO, "AWO Kreisverband Düsseldorf e.V.", cert.ProviderAWO, person{"Sevgi Arslan", "s.arslan@example.com", "0211 5550-304"}},
	{pDusDRK, "DRK Kreisverband Düsseldorf e.V.", cert.ProviderDRK, person{"Uwe Lorenz", "u.lorenz@example.com", "0211 5550-305"}},
	{pDusPari, "Kinderhaus Rheinbogen e.V.", cert.ProviderParitaetischer, person{"Ines Franke", "i.franke@example.com", "0211 5550-306"}},
	{pDusEI, "Elterninitiative Rappelkiste Flingern e.V.", cert.ProviderParentsInitiative, person{"Jonas Albrecht", "j.albrecht@example.com", "0211 5550-307"}},
	{pDoStadt, "FABIDO – Städtische Kitas Dortmund", cert.ProviderMunicipal, person{"Rainer Schmidt", "r.schmidt@example.com", "0231 5550-301"}},
	{pDoKath, "Katholische Kita gGmbH Dortmund", cert.ProviderCatholic, person{"Elisabeth Grote", "e.grote@example.com", "0231 5550-302"}},
	{pDoEv, "Evangelische Kitas im Kirchenkreis Dortmund", cert.ProviderProtestant, person{"Matthias Bergmann", "m.bergmann@example.com", "0231 5550-303"}},
	{pDoAWO, "AWO Unterbezirk Dortmund", cert.ProviderAWO, person{"Gül Öztürk", "g.oeztuerk@example.com", "0231 5550-304"}},
	{pDoDRK, "DRK-Kindertagesstätten Dortmund gGmbH", cert.ProviderDRK, person{"Holger Baumann", "h.baumann@example.com", "0231 5550-305"}},
	{pDoPari, "Kinderwelt Ruhr e.V.", cert.ProviderParitaetischer, person{"Vera Lindner", "v.lindner@example.com", "0231 5550-306"}},
	{pDoEI, "Elterninitiative Zwergenstube Kreuzviertel e.V.", cert.ProviderParentsInitiative, person{"Philipp Kuhn", "p.kuhn@example.com", "0231 5550-307"}},
}

// cityOf returns the city of the youth office with this code.
func cityOf(code string) string {
	for _, o := range youthOffices {
		if o.code == code {
			return o.city
		}
	}
	return ""
}

// contactSpec is one contact to create: its function, the key of its owner and the person.
type contactSpec struct {
	function cert.ContactFunction
	owner    string // youth office code, provider key or Kita key, by function
	person   person
}

// contactSpecs lists the contacts in creation order: planners, provider contacts, Kita
// leaders. Load creates the last one last and takes it as the sign of a complete load.
func contactSpecs() []contactSpec {
	var out []contactSpec
	for _, o := range youthOffices {
		for _, p := range o.planners {
			out = append(out, contactSpec{cert.FunctionYouthOfficePlanner, o.code, p})
		}
	}
	for _, p := range providers {
		out = append(out, contactSpec{cert.FunctionProviderContact, p.key, p.contact})
	}
	for _, k := range kitas {
		if k.leader.name != "" {
			out = append(out, contactSpec{cert.FunctionKitaLeader, k.key, k.leader})
		}
	}
	return out
}
