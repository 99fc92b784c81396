package pdfdoc

import "time"

// Profile is the quality profile (Qualitätsprofil, DVO KiBiz § 13) of one
// procedure. All strings are shown as given.
type Profile struct {
	Title               string // "Qualitätsprofil"
	CenterName          string
	CenterKind          string // "Familienzentrum (Einzeleinrichtung)" or "Verbund-Familienzentrum"
	Kitas               []Kita
	CertificationNumber string // may be empty for a rejected initial procedure
	ProcedureKind       string // "Erstzertifizierung" / "Rezertifizierung"
	KindergartenYear    string // "2026/27"
	CatalogueVersion    string // "2020"
	CatalogueTitle      string
	Outcome             string // "Zertifiziert" / "Nicht zertifiziert"
	DecidedOn           string // "15.03.2027"
	Assessor            string
	Areas               []Area
	TotalPoints         int
	Remarks             string    // the assessor's remarks; paragraphs separated by blank lines
	Recommendations     string    // likewise
	VisitFindings       []Finding // per visited site
	Version             int       // 1 for the first; a corrected profile is a new version
	IssuedOn            string
	Issuer              string // "PädQUIS gGmbH – Zertifizierungsstelle Familienzentrum NRW"
}

// Kita is one day-care center (Kindertageseinrichtung) of the family center.
type Kita struct {
	Name    string
	Address string
	Role    string // "Zuschussempfängerin", "Mitglied", "" for a single center
}

// Area is one area of the catalogue with its result.
type Area struct {
	Code      string
	Name      string
	Kind      string // "Leistungsbereich" / "Strukturbereich"
	Points    int
	MinPoints int
	Met       bool // reached the minimum
	Criteria  []Criterion
}

// Criterion is one criterion of an area with its assessment.
type Criterion struct {
	Code   string
	Text   string
	Level  string // "Basis" / "Aufbau"
	Points int
	Met    bool
	Note   string // optional note of the assessor
}

// Finding is what the visit found at one site.
type Finding struct {
	Site string
	Text string
}

// Certificate is the certificate (Urkunde) of the seal.
type Certificate struct {
	CenterName          string
	Kitas               []string
	CertificationNumber string
	ValidFrom           string // "01.08.2027"
	ValidUntil          string // "31.07.2031"
	IssuedOn            string
	Issuer              string
	Awarder             string // "im Auftrag des Ministeriums für Kinder, Jugend, …"
}

// Meta is what every document carries in its metadata. Created is injected
// (the package never reads the clock), so the output is reproducible byte for
// byte.
type Meta struct {
	Title   string
	Subject string
	Author  string
	Created time.Time
}
