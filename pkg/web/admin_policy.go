package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/access"
)

// ActionLabels name the actions of the policy table in German (docs/access.md gives the
// same in English).
var ActionLabels = map[access.Action]string{
	access.YouthOfficeRead:         "Jugendämter ansehen",
	access.YouthOfficeWrite:        "Jugendämter anlegen, ändern, archivieren",
	access.ProviderRead:            "Träger ansehen",
	access.ProviderWrite:           "Träger anlegen, ändern, archivieren",
	access.KitaRead:                "Kitas ansehen",
	access.KitaWrite:               "Kitas anlegen, ändern, archivieren",
	access.KitaSelfService:         "Anschrift und Stadtteil einer Kita ändern",
	access.CenterRead:              "Familienzentren und ihre Mitglieder ansehen",
	access.CenterWrite:             "Familienzentren anlegen, ändern, archivieren; Mitglieder ändern",
	access.ContactRead:             "Kontakte ansehen (Namen, Funktionen)",
	access.ContactPersonal:         "E-Mail-Adresse und Telefonnummer von Kontakten sehen",
	access.ContactWrite:            "Kontakte anlegen, ändern, archivieren",
	access.ContactSelfService:      "Name, E-Mail-Adresse und Telefonnummer eines Kontakts ändern",
	access.UserManage:              "Benutzer und die API-Tokens aller verwalten",
	access.AuditRead:               "Protokoll lesen",
	access.ContingentRead:          "Kontingente ansehen (Plätze je Jugendamt und Kindergartenjahr)",
	access.ContingentWrite:         "Kontingente festlegen (Plätze laut Erlass des Ministeriums)",
	access.CatalogueRead:           "Kriterienkataloge ansehen",
	access.CatalogueWrite:          "Kriterienkatalog laden",
	access.ProcedureRead:           "Verfahren, ihren Verlauf und die Bewertung ansehen",
	access.ProcedureNominate:       "Familienzentrum nominieren; Verfahren zurückziehen oder zurückstellen",
	access.ProcedureRegister:       "Verfahren registrieren (vergibt die Zertifikatsnummer)",
	access.ProcedureSubmitEvidence: "Fragebogen und Belege einreichen",
	access.ProcedureAssess:         "Begutachten, Belege nachfordern, Begehung planen und erfassen, bewerten, zertifizieren oder ablehnen",
	access.SealRead:                "Gütesiegel ansehen",
	access.SealExtend:              "Gütesiegel verlängern",
	access.SealRevoke:              "Gütesiegel widerrufen",
	access.NotificationRead:        "Benachrichtigungen ansehen (mit den Adressen der Empfänger)",
	access.NotificationRetry:       "Fehlgeschlagene Benachrichtigung erneut senden",
	access.EvidenceExists:          "Sehen, welche Kriterien beantwortet sind und wie viele Belege es gibt",
	access.EvidenceRead:            "Antworten des Fragebogens lesen und Belege herunterladen",
	access.EvidenceWrite:           "Fragebogen beantworten, Belege hochladen, ersetzen und löschen",
}

// scopeLabels name the scopes as the policy page shows them.
var scopeLabels = map[access.Scope]string{access.All: "alle", access.Own: "eigene", access.None: "–"}

// policyView is access.Policy as a table: a row per action, a column per role.
type policyView struct {
	Roles []policyRole
	Rows  []policyRow
}

// policyRole is one column: a role, and whether it is the viewer's own.
type policyRole struct {
	Label string
	Own   bool
}

// policyRow is one action with the scope of each role, in the order of access.Roles.
type policyRow struct {
	Action access.Action
	Label  string
	Cells  []policyCell
}

// policyCell is one role's scope of an action.
type policyCell struct {
	Scope access.Scope
	Label string
}

// policyPage shows who may do what: the one policy table that every check asks.
func (p *Pages) policyPage(r *request) error {
	var v policyView
	for _, role := range access.Roles {
		v.Roles = append(v.Roles, policyRole{Label: RoleLabels[role], Own: role == r.who.Role})
	}
	for _, a := range access.Actions {
		row := policyRow{Action: a, Label: ActionLabels[a]}
		if row.Label == "" {
			row.Label = string(a)
		}
		for _, role := range access.Roles {
			sc := access.Policy[role][a]
			row.Cells = append(row.Cells, policyCell{Scope: sc, Label: scopeLabels[sc]})
		}
		v.Rows = append(v.Rows, row)
	}
	return r.render(http.StatusOK, "admin_policy", "Wer darf was?", v)
}
