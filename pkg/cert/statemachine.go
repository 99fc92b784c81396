package cert

import (
	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// openStates are the states from which a procedure can still be withdrawn.
var openStates = []State{StateNominated, StateRegistered, StateEvidenceSubmitted, StateInReview,
	StateEvidenceRequested, StateVisitScheduled, StateVisited}

// Transitions is THE state machine of a procedure (docs/lifecycle.md draws it).
var Transitions = []Transition{
	{ActRegister, []State{StateNominated}, StateRegistered, access.ProcedureRegister},
	{ActSubmitEvidence, []State{StateRegistered, StateEvidenceRequested}, StateEvidenceSubmitted, access.ProcedureSubmitEvidence},
	{ActStartReview, []State{StateEvidenceSubmitted}, StateInReview, access.ProcedureAssess},
	{ActRequestEvidence, []State{StateInReview}, StateEvidenceRequested, access.ProcedureAssess},
	{ActScheduleVisit, []State{StateInReview}, StateVisitScheduled, access.ProcedureAssess},
	{ActRecordVisit, []State{StateVisitScheduled}, StateVisited, access.ProcedureAssess},
	{ActCertify, []State{StateVisited}, StateCertified, access.ProcedureAssess},
	{ActReject, []State{StateInReview, StateVisited}, StateNotCertified, access.ProcedureAssess},
	{ActWithdraw, openStates, StateWithdrawn, access.ProcedureNominate},
	{ActDefer, []State{StateNominated}, StateDeferred, access.ProcedureNominate},
}

// TransitionFor returns the row of an action.
func TransitionFor(a Action) (Transition, bool) {
	for _, t := range Transitions {
		if t.Action == a {
			return t, true
		}
	}
	return Transition{}, false
}

// from reports whether the transition starts in state s.
func (t Transition) from(s State) bool {
	for _, f := range t.From {
		if f == s {
			return true
		}
	}
	return false
}

// possible reports whether the action can be taken on p at all, whoever asks: the state
// fits, and a deferral applies to initial nominations only.
func (t Transition) possible(p Procedure) bool {
	if !t.from(p.State) {
		return false
	}
	return t.Action != ActDefer || p.Kind == KindInitial
}

// rightRelated is what a step's right is judged against: the nominating office for
// withdraw and defer (its contingent place is at stake), the center's Kitas otherwise.
func (t Transition) rightRelated(p Procedure) access.Related {
	if t.Right == access.ProcedureNominate {
		return access.Related{YouthOfficeIDs: []uuid.UUID{p.YouthOfficeID}}
	}
	return p.Related
}

// Allows reports whether the principal has the right for the step on p.
func (t Transition) Allows(pr access.Principal, p Procedure) bool {
	return pr.Can(t.Right, t.rightRelated(p))
}

// AllowedActions returns the actions the principal may take on p now.
func AllowedActions(pr access.Principal, p Procedure) []Action {
	out := []Action{}
	for _, t := range Transitions {
		if t.possible(p) && t.Allows(pr, p) {
			out = append(out, t.Action)
		}
	}
	return out
}

// PossibleActions returns the actions anyone could take on p now (for problems and docs).
func PossibleActions(p Procedure) []Action {
	out := []Action{}
	for _, t := range Transitions {
		if t.possible(p) {
			out = append(out, t.Action)
		}
	}
	return out
}
