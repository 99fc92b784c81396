package cert

// The German labels of the codes people read: states, steps, procedure kinds and seal
// statuses. Messages and pages use them; the API keeps the codes in their own fields.

// StateLabels names every state of a procedure in German.
var StateLabels = map[State]string{
	StateNominated:         "Nominiert",
	StateRegistered:        "Registriert",
	StateEvidenceSubmitted: "Belege eingereicht",
	StateInReview:          "Begutachtung",
	StateEvidenceRequested: "Belege nachgefordert",
	StateVisitScheduled:    "Begehung geplant",
	StateVisited:           "Begehung durchgeführt",
	StateCertified:         "Zertifiziert",
	StateNotCertified:      "Nicht zertifiziert",
	StateWithdrawn:         "Zurückgezogen",
	StateDeferred:          "Zurückgestellt",
}

// ActionLabels names every step of the state machine in German.
var ActionLabels = map[Action]string{
	ActRegister:        "Registrieren",
	ActSubmitEvidence:  "Belege einreichen",
	ActStartReview:     "Begutachtung beginnen",
	ActRequestEvidence: "Belege nachfordern",
	ActScheduleVisit:   "Begehung planen",
	ActRecordVisit:     "Begehung erfassen",
	ActCertify:         "Zertifizieren",
	ActReject:          "Ablehnen",
	ActWithdraw:        "Zurückziehen",
	ActDefer:           "Zurückstellen",
}

// KindLabels names the procedure kinds in German.
var KindLabels = map[ProcedureKind]string{
	KindInitial:         "Erstzertifizierung",
	KindRecertification: "Rezertifizierung",
}

// SealStatusLabels names the seal statuses in German.
var SealStatusLabels = map[SealStatus]string{
	SealPending:    "Noch nicht in Kraft",
	SealActive:     "Gültig",
	SealRenewalDue: "Gültig, Rezertifizierung fällig",
	SealSuperseded: "Abgelöst",
	SealExpired:    "Abgelaufen",
	SealRevoked:    "Widerrufen",
}

// Label returns the German name of the state (the code when it has none).
func (s State) Label() string { return labelOr(StateLabels, s) }

// Label returns the German name of the step (the code when it has none).
func (a Action) Label() string { return labelOr(ActionLabels, a) }

// Label returns the German name of the kind (the code when it has none).
func (k ProcedureKind) Label() string { return labelOr(KindLabels, k) }

// Label returns the German name of the seal status (the code when it has none).
func (st SealStatus) Label() string { return labelOr(SealStatusLabels, st) }

// MemberRoleLabels names a Kita's roles in its center in German.
var MemberRoleLabels = map[MemberRole]string{
	RoleMember: "Mitglied", RoleContact: "Kontakt-Kita", RoleGrantRecipient: "Zuschussempfängerin",
}

// AreaKindLabels names the kinds of catalogue areas in German.
var AreaKindLabels = map[AreaKind]string{AreaService: "Leistungsbereich", AreaStructure: "Strukturbereich"}

// LevelLabels names the criterion levels in German, as the quality profile writes them.
var LevelLabels = map[Level]string{LevelBasic: "Basis", LevelAdvanced: "Aufbau"}

// Label is the German name of the role.
func (r MemberRole) Label() string { return labelOr(MemberRoleLabels, r) }

// Label is the German name of the area kind.
func (k AreaKind) Label() string { return labelOr(AreaKindLabels, k) }

// Label is the German name of the level.
func (l Level) Label() string { return labelOr(LevelLabels, l) }

func labelOr[K ~string](labels map[K]string, k K) string {
	if l, ok := labels[k]; ok {
		return l
	}
	return string(k)
}
