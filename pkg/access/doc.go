package access

import (
	"fmt"
	"strings"
)

// actionDoc says in a few words what an action lets a role do.
var actionDoc = map[Action]string{
	YouthOfficeRead:    "see youth offices",
	YouthOfficeWrite:   "create, change, archive youth offices",
	ProviderRead:       "see providers",
	ProviderWrite:      "create, change, archive providers",
	KitaRead:           "see Kitas",
	KitaWrite:          "create, change, archive Kitas",
	KitaSelfService:    "change a Kita's address and district",
	CenterRead:         "see centers and their members",
	CenterWrite:        "create, change, archive centers; change members",
	ContactRead:        "see contacts (names, functions)",
	ContactPersonal:    "see contacts' e-mail and phone",
	ContactWrite:       "create, change, archive contacts",
	ContactSelfService: "change a contact's name, e-mail and phone",
	UserManage:         "manage users and anyone's tokens",
	AuditRead:          "read the audit trail",

	ContingentRead:          "see contingents (places per youth office and year)",
	ContingentWrite:         "set contingents (the places of the ministry's decree)",
	CatalogueRead:           "see criteria catalogues",
	CatalogueWrite:          "load a criteria catalogue",
	ProcedureRead:           "see procedures, their history and assessment",
	ProcedureNominate:       "nominate a center; withdraw or defer its procedure",
	ProcedureRegister:       "register a procedure (assigns the certification number)",
	ProcedureSubmitEvidence: "submit the questionnaire and evidence",
	ProcedureAssess:         "review, request evidence, visit, assess, certify or reject",
	SealRead:                "see seals",
	SealExtend:              "extend a seal",
	SealRevoke:              "revoke a seal",
	NotificationRead:        "see the notification outbox (with recipients' addresses)",
	NotificationRetry:       "send a failed notification again",
	EvidenceExists:          "see which criteria are answered and how many documents there are (no content)",
	EvidenceRead:            "read the answers of the questionnaire and download evidence documents",
	EvidenceWrite:           "answer the questionnaire; upload, replace and delete evidence while a criterion is open",
}

// MarkdownTable renders the policy table for docs/access.md.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| action | what it allows |")
	for _, r := range Roles {
		fmt.Fprintf(&b, " %s |", r)
	}
	b.WriteString("\n| --- | --- |")
	for range Roles {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, a := range Actions {
		fmt.Fprintf(&b, "| `%s` | %s |", a, actionDoc[a])
		for _, r := range Roles {
			fmt.Fprintf(&b, " %s |", Policy[r][a])
		}
		b.WriteString("\n")
	}
	return b.String()
}
