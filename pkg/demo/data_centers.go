package demo

import "github.com/kitacert/kitacert/pkg/cert"

type centerData struct {
	name    string // unique in the data set
	kind    cert.CenterKind
	members []memberData
}

type memberData struct {
	kita   string // Kita key
	role   cert.MemberRole
	joined string // YYYY-MM-DD, the start of a Kindergartenjahr
}

// Shorter names for the roles in the table.
const (
	gr  = cert.RoleGrantRecipient
	con = cert.RoleContact
	mem = cert.RoleMember
)

// centers are 7 single centers and 6 networks of 2 to 4 neighbouring Kitas; the other
// Kitas belong to no center.
var centers = []centerData{
	// Düsseldorf
	{"Familienzentrum Sternstraße", cert.CenterSingle, []memberData{{"dus-stern", gr, "2007-08-01"}}},
	{"Familienzentrum St. Josef Oberbilk", cert.CenterSingle, []memberData{{"dus-josef", gr, "2012-08-01"}}},
	{"Ev. Familienzentrum Arche Noah", cert.CenterSingle, []memberData{{"dus-arche", gr, "2019-08-01"}}},
	{"Verbund-Familienzentrum Flingern", cert.CenterNetwork, []memberData{
		{"dus-hoffeld", gr, "2010-08-01"}, {"dus-rappelkiste", con, "2010-08-01"}, {"dus-hoeherweg", mem, "2016-08-01"},
	}},
	{"Verbund-Familienzentrum Bilk", cert.CenterNetwork, []memberData{
		{"dus-witzel", gr, "2014-08-01"}, {"dus-loretto", con, "2014-08-01"}, {"dus-martin", mem, "2014-08-01"}, {"dus-suitbertus", mem, "2021-08-01"},
	}},
	{"Verbund-Familienzentrum Benrath-Urdenbach", cert.CenterNetwork, []memberData{
		{"dus-caecilia", gr, "2023-08-01"}, {"dus-urdenbach", mem, "2023-08-01"},
	}},

	// Dortmund
	{"FABIDO Familienzentrum Hörde", cert.CenterSingle, []memberData{{"do-hermann", gr, "2008-08-01"}}},
	{"Kath. Familienzentrum St. Antonius", cert.CenterSingle, []memberData{{"do-antonius", gr, "2011-08-01"}}},
	{"AWO Familienzentrum Scharnhorst", cert.CenterSingle, []memberData{{"do-gleiwitz", gr, "2015-08-01"}}},
	{"Ev. Familienzentrum Aplerbeck", cert.CenterSingle, []memberData{{"do-aplerbeck", gr, "2025-08-01"}}},
	{"Familienzentrum Nordstadt", cert.CenterNetwork, []memberData{
		{"do-schleswiger", gr, "2009-08-01"}, {"do-borsig", con, "2009-08-01"}, {"do-kinderwelt", mem, "2018-08-01"},
	}},
	{"Familienzentrum Kreuzviertel", cert.CenterNetwork, []memberData{
		{"do-lindemann", gr, "2013-08-01"}, {"do-zwergenstube", mem, "2013-08-01"},
	}},
	{"Familienzentrum Hombruch-Barop", cert.CenterNetwork, []memberData{
		{"do-harkort", gr, "2020-08-01"}, {"do-clemens", mem, "2020-08-01"}, {"do-barop", mem, "2024-08-01"},
	}},
}
