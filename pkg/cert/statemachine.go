package cert

import (
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

// AllowedActions returns the actions the principal may take on p now.
func AllowedActions(pr access.Principal, p Procedure) []Action {
	out := []Action{}
	for _, t := range Transitions {
		if t.possible(p) && pr.Can(t.Right, p.Related) {
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
