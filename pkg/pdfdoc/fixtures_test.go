package pdfdoc

import (
	"fmt"
	"strings"
	"time"
)

// centerName has umlauts and ß on purpose.
const centerName = "Familienzentrum Gänseblümchen an der Weißdornstraße"

// phrases make up the criterion texts.
var phrases = []string{
	"Das Familienzentrum bietet regelmäßig eine offene Sprechstunde der Erziehungsberatung an, die Eltern ohne Voranmeldung nutzen können.",
	"Die Fachkräfte kennen die „Frühen Hilfen“ im Sozialraum und vermitteln Familien bei Bedarf verlässlich weiter.",
	"Für Familien mit Zuwanderungsgeschichte stehen Informationen in mehreren Sprachen zur Verfügung; die Übersetzung wird über den Dolmetscherpool der Stadt sichergestellt.",
	"Es gibt eine schriftliche Vereinbarung mit der Tagespflegebörse über Vermittlung, Vertretung und gemeinsame Fortbildungen.",
	"Die Öffnungszeiten orientieren sich an den Bedarfen berufstätiger Eltern; eine jährliche Abfrage wird ausgewertet und dokumentiert.",
	"Angebote zur Gesundheitsförderung (Bewegung, Ernährung, Stressbewältigung) finden mindestens zweimal im Kindergartenjahr statt.",
}

// criterionText is a long text built from phrases.
func criterionText(i int) string {
	n := 1 + i%3
	parts := make([]string, 0, n)
	for j := range n {
		parts = append(parts, phrases[(i+j)%len(phrases)])
	}
	return strings.Join(parts, " ")
}

// criteria returns n criteria of area number a, every third one not met.
func criteria(a, n int) []Criterion {
	out := make([]Criterion, n)
	for i := range out {
		c := Criterion{
			Code:   fmt.Sprintf("%d.%02d", a, i+1),
			Text:   criterionText(a*100 + i),
			Level:  "Basis",
			Points: 1,
			Met:    i%3 != 2,
		}
		if i%2 == 1 {
			c.Level, c.Points = "Aufbau", 2
		}
		if !c.Met {
			c.Points = 0
			c.Note = "Der Nachweis lag zur Begehung nicht vor; die Leitung sagte zu, ihn bis zum 30.04.2027 nachzureichen („Nachreichung“)."
		}
		out[i] = c
	}
	return out
}

// sampleProfile has three areas (one below its minimum) and 70 criteria.
func sampleProfile() Profile {
	areas := []Area{
		{Code: "LB 1", Name: "Beratung und Unterstützung von Kindern und Familien", Kind: "Leistungsbereich", Points: 28, MinPoints: 20, Met: true, Criteria: criteria(1, 25)},
		{Code: "LB 2", Name: "Familienbildung und Erziehungspartnerschaft", Kind: "Leistungsbereich", Points: 12, MinPoints: 18, Met: false, Criteria: criteria(2, 25)},
		{Code: "SB 5", Name: "Sozialraumbezug", Kind: "Strukturbereich", Points: 19, MinPoints: 14, Met: true, Criteria: criteria(5, 20)},
	}
	return Profile{
		Title:      "Qualitätsprofil",
		CenterName: centerName,
		CenterKind: "Verbund-Familienzentrum",
		Kitas: []Kita{
			{Name: "Kita Gänseblümchen", Address: "Weißdornstraße 12, 45127 Essen", Role: "Zuschussempfängerin"},
			{Name: "Städtische Kita Löwenzahn", Address: "Mühlenweg 3, 45127 Essen", Role: "Mitglied"},
		},
		CertificationNumber: "FZ-2027-00012",
		ProcedureKind:       "Rezertifizierung",
		KindergartenYear:    "2026/27",
		CatalogueVersion:    "2020",
		CatalogueTitle:      "Gütesiegelkatalog „Familienzentrum NRW“",
		Outcome:             "Zertifiziert",
		DecidedOn:           "15.03.2027",
		Assessor:            "Dr. Jürgen Weiß",
		Areas:               areas,
		TotalPoints:         59,
		Remarks: "Das Familienzentrum überzeugt durch eine große Offenheit gegenüber allen Familien im Stadtteil.\n\n" +
			"Die Zusammenarbeit der beiden Einrichtungen im Verbund ist gut abgestimmt; Zuständigkeiten sind schriftlich geregelt. " +
			strings.Repeat("Die Dokumentation ist vollständig und übersichtlich. ", 8),
		Recommendations: "Wir empfehlen, die Angebote der Familienbildung stärker an den Rückmeldungen der Eltern auszurichten.\n\n" +
			"Ein Verweis auf https://www.familienzentrum.nrw.de/qualitaetsentwicklung/guetesiegel/rezertifizierung-und-nachweise-im-ueberblick bleibt lesbar.",
		VisitFindings: []Finding{
			{Site: "Kita Gänseblümchen", Text: "Die Räume für Beratungsgespräche sind ruhig gelegen und einladend gestaltet."},
			{Site: "Städtische Kita Löwenzahn", Text: "Aushänge informieren über Angebote im Familienzentrum; ein Elterncafé findet wöchentlich statt."},
		},
		Version:  1,
		IssuedOn: "20.03.2027",
		Issuer:   "PädQUIS gGmbH – Zertifizierungsstelle Familienzentrum NRW",
	}
}

// sampleCertificate is the certificate of the sample profile.
func sampleCertificate() Certificate {
	return Certificate{
		CenterName:          centerName,
		Kitas:               []string{"Kita Gänseblümchen", "Städtische Kita Löwenzahn"},
		CertificationNumber: "FZ-2027-00012",
		ValidFrom:           "01.08.2027",
		ValidUntil:          "31.07.2031",
		IssuedOn:            "20.03.2027",
		Issuer:              "PädQUIS gGmbH – Zertifizierungsstelle Familienzentrum NRW",
		Awarder:             "im Auftrag des Ministeriums für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration des Landes Nordrhein-Westfalen",
	}
}

// sampleMeta is the metadata of the sample documents.
func sampleMeta(title string) Meta {
	return Meta{
		Title:   title,
		Subject: "Gütesiegel „Familienzentrum NRW“",
		Author:  "PädQUIS gGmbH",
		Created: time.Date(2027, 3, 20, 9, 30, 0, 0, time.FixedZone("MEZ", 3600)),
	}
}
