package access

import (
	"slices"

	"github.com/google/uuid"
)

// Action is something a principal may do to a kind of object.
type Action string

// The actions. Reads decide visibility (404 when not visible); the others decide what a
// principal who can see an object may do with it (403 when not allowed).
const (
	YouthOfficeRead    Action = "youth_office.read"
	YouthOfficeWrite   Action = "youth_office.write" // create, update, archive
	ProviderRead       Action = "provider.read"
	ProviderWrite      Action = "provider.write"
	KitaRead           Action = "kita.read"
	KitaWrite          Action = "kita.write"
	KitaSelfService    Action = "kita.self_service" // update address and district only
	CenterRead         Action = "center.read"
	CenterWrite        Action = "center.write" // create, update, archive, members
	ContactRead        Action = "contact.read"
	ContactPersonal    Action = "contact.personal" // see e-mail and phone
	ContactWrite       Action = "contact.write"
	ContactSelfService Action = "contact.self_service" // update name, e-mail, phone only
	UserManage         Action = "user.manage"
	AuditRead          Action = "audit.read"

	ContingentRead          Action = "contingent.read"
	ContingentWrite         Action = "contingent.write"
	CatalogueRead           Action = "catalogue.read"
	CatalogueWrite          Action = "catalogue.write"
	ProcedureRead           Action = "procedure.read"
	ProcedureNominate       Action = "procedure.nominate" // create (nominate), withdraw, defer
	ProcedureRegister       Action = "procedure.register"
	ProcedureSubmitEvidence Action = "procedure.submit_evidence"
	ProcedureAssess         Action = "procedure.assess" // review, visit, assessment, decision
	SealRead                Action = "seal.read"
	SealExtend              Action = "seal.extend"
	SealRevoke              Action = "seal.revoke"

	NotificationRead  Action = "notification.read" // see the outbox (names and e-mail addresses of recipients)
	NotificationRetry Action = "notification.retry"

	EvidenceExists Action = "evidence.exists" // see which criteria are answered and how many documents there are
	EvidenceRead   Action = "evidence.read"   // read answers and download evidence documents
	EvidenceWrite  Action = "evidence.write"  // answer the questionnaire, upload, replace and delete evidence
)

// Actions lists every action in the order of docs/access.md.
var Actions = []Action{
	YouthOfficeRead, YouthOfficeWrite, ProviderRead, ProviderWrite, KitaRead, KitaWrite, KitaSelfService,
	CenterRead, CenterWrite, ContactRead, ContactPersonal, ContactWrite, ContactSelfService,
	UserManage, AuditRead,
	ContingentRead, ContingentWrite, CatalogueRead, CatalogueWrite,
	ProcedureRead, ProcedureNominate, ProcedureRegister, ProcedureSubmitEvidence, ProcedureAssess,
	SealRead, SealExtend, SealRevoke,
	NotificationRead, NotificationRetry,
	EvidenceExists, EvidenceRead, EvidenceWrite,
}

// Scope says on which objects a role may do an action.
type Scope int

// The scopes.
const (
	None Scope = iota // nowhere
	Own               // objects of the principal's youth office or Kita
	All               // everywhere
)

// String names the scope as docs/access.md shows it.
func (s Scope) String() string {
	switch s {
	case Own:
		return "own"
	case All:
		return "all"
	}
	return "–"
}

// Policy is THE access table: role × action → scope. Everything else asks it.
var Policy = map[Role]map[Action]Scope{
	RoleAdmin: {
		YouthOfficeRead: All, ProviderRead: All, KitaRead: All, CenterRead: All, ContactRead: All,
		UserManage: All, AuditRead: All,
		ContingentRead: All, CatalogueRead: All, ProcedureRead: All, SealRead: All,
	},
	RoleCoordinator: {
		YouthOfficeRead: All, YouthOfficeWrite: All, ProviderRead: All, ProviderWrite: All,
		KitaRead: All, KitaWrite: All, KitaSelfService: All, CenterRead: All, CenterWrite: All,
		ContactRead: All, ContactPersonal: All, ContactWrite: All, ContactSelfService: All,
		AuditRead:      All,
		ContingentRead: All, ContingentWrite: All, CatalogueRead: All, CatalogueWrite: All,
		ProcedureRead: All, ProcedureNominate: All, ProcedureRegister: All, ProcedureSubmitEvidence: All,
		SealRead: All, SealExtend: All, SealRevoke: All,
		NotificationRead: All, NotificationRetry: All,
		EvidenceExists: All, EvidenceRead: All,
	},
	RoleAssessor: {
		YouthOfficeRead: All, ProviderRead: All, KitaRead: All, CenterRead: All,
		ContactRead: All, ContactPersonal: All,
		ContingentRead: All, CatalogueRead: All,
		ProcedureRead: All, ProcedureRegister: All, ProcedureAssess: All,
		SealRead: All, SealExtend: All, SealRevoke: All,
		EvidenceExists: All, EvidenceRead: All,
	},
	RoleYouthOffice: {
		YouthOfficeRead: All, ProviderRead: All,
		KitaRead: Own, KitaWrite: Own, KitaSelfService: Own, CenterRead: Own, CenterWrite: Own,
		ContactRead: Own, ContactPersonal: Own, ContactWrite: Own, ContactSelfService: Own,
		ContingentRead: Own, CatalogueRead: All, // contingents come from the ministry's decree
		ProcedureRead: Own, ProcedureNominate: Own, SealRead: Own,
		EvidenceExists: Own,
	},
	RoleKitaLeader: {
		YouthOfficeRead: All, ProviderRead: All,
		KitaRead: Own, KitaSelfService: Own, CenterRead: Own,
		ContactRead: Own, ContactPersonal: Own, ContactSelfService: Own,
		CatalogueRead: All, ProcedureRead: Own, ProcedureSubmitEvidence: Own, SealRead: Own,
		EvidenceExists: Own, EvidenceRead: Own, EvidenceWrite: Own,
	},
}

// ScopeOf returns the scope the principal has for the action. The system may do anything.
func (p Principal) ScopeOf(a Action) Scope {
	if p.Role == RoleSystem {
		return All
	}
	return Policy[p.Role][a]
}

// Related names the youth offices and Kitas an object belongs to, for the Own scope.
type Related struct {
	YouthOfficeIDs []uuid.UUID
	KitaIDs        []uuid.UUID
}

// Owns reports whether the object lies in the principal's own scope.
func (p Principal) Owns(r Related) bool {
	switch {
	case p.Role == RoleYouthOffice && p.YouthOfficeID != nil:
		return slices.Contains(r.YouthOfficeIDs, *p.YouthOfficeID)
	case p.Role == RoleKitaLeader && p.KitaID != nil:
		return slices.Contains(r.KitaIDs, *p.KitaID)
	}
	return false
}

// Can reports whether the principal may do the action on an object related as r.
func (p Principal) Can(a Action, r Related) bool {
	switch p.ScopeOf(a) {
	case All:
		return true
	case Own:
		return p.Owns(r)
	}
	return false
}

// Filter is how a list is narrowed to what a principal may read: nothing, everything, or
// the objects of one youth office or one Kita.
type Filter struct {
	Nothing     bool
	YouthOffice *uuid.UUID
	Kita        *uuid.UUID
}

// ListFilter returns the narrowing for a read action.
func (p Principal) ListFilter(a Action) Filter {
	switch p.ScopeOf(a) {
	case All:
		return Filter{}
	case Own:
		switch p.Role {
		case RoleYouthOffice:
			return Filter{YouthOffice: p.YouthOfficeID}
		case RoleKitaLeader:
			return Filter{Kita: p.KitaID}
		}
	}
	return Filter{Nothing: true}
}
