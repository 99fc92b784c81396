// Package notify decides who hears what and when: the reminder rules, the recipients, the
// German messages, the outbox and its delivery. This file holds the reminder rules as pure
// functions of a seal's or a procedure's dates and a day; they know no database.
package notify

import (
	"github.com/kitacert/kitacert/pkg/cert"
)

// Reminder names one kind of notification.
type Reminder string

// The reminders of a seal (one series: only the latest one due is sent) and of a procedure.
const (
	SealWindowOpen Reminder = "seal.window_open" // the re-certification year begins
	SealMonths12   Reminder = "seal.12_months"
	SealMonths6    Reminder = "seal.6_months"
	SealMonths3    Reminder = "seal.3_months"
	SealMonths1    Reminder = "seal.1_month"
	SealExpired    Reminder = "seal.expired" // ended without successor: funding at risk

	EvidenceDueSoon Reminder = "procedure.evidence_due_14_days"
	EvidenceOverdue Reminder = "procedure.evidence_overdue"
	VisitSoon       Reminder = "procedure.visit_7_days"
	NoDecision      Reminder = "procedure.no_decision_8_weeks"

	// EvidenceRequested is not swept: the step request_evidence writes it.
	EvidenceRequested Reminder = "procedure.evidence_requested"
)

// Due is one reminder whose day has come.
type Due struct {
	Reminder Reminder
	On       cert.Date // the day it became due
}

// sealSeries returns the seal reminders of a seal ending on until, in order of their days.
// "N months before valid_until" counts back from the end of the last valid day: for a seal
// valid until 31 July, 1 month before is 1 July and 12 months before is 1 August.
func sealSeries(until cert.Date, windowOffsetMonths int) []Due {
	end := until.AddDays(1) // the first day without the seal
	return []Due{
		{SealWindowOpen, cert.RenewalWindowOpens(until, windowOffsetMonths)},
		{SealMonths12, end.AddDate(0, -12, 0)},
		{SealMonths6, end.AddDate(0, -6, 0)},
		{SealMonths3, end.AddDate(0, -3, 0)},
		{SealMonths1, end.AddDate(0, -1, 0)},
		{SealExpired, end},
	}
}

// SealDue returns, for a seal ending on until, the reminder to send as of asOf and the
// earlier ones of the series to record as skipped. Only the latest due reminder of the
// series is sent: a seal first seen two months before its end gets the 3-month reminder,
// not also the 12- and 6-month ones. Nothing is due for a renewed seal (hasSuccessor) or a
// revoked one; the expiry reminder only for a seal without successor.
func SealDue(until cert.Date, windowOffsetMonths int, hasSuccessor, revoked bool, asOf cert.Date) (send *Due, skip []Due) {
	if hasSuccessor || revoked {
		return nil, nil
	}
	series := sealSeries(until, windowOffsetMonths)
	var due []Due
	for _, d := range series {
		if !asOf.Before(d.On) {
			due = append(due, d)
		}
	}
	if len(due) == 0 {
		return nil, nil
	}
	// The latest day wins; on a tie the earlier reminder of the series (for a seal ending
	// on 31 July the window opens exactly 12 months before: one message, the window's).
	pick := 0
	for i, d := range due {
		if d.On.After(due[pick].On) {
			pick = i
		}
	}
	chosen := due[pick]
	skip = append(append(skip, due[:pick]...), due[pick+1:]...)
	return &chosen, skip
}

// Procedure reminder offsets.
const (
	EvidenceWarnDays = 14
	VisitWarnDays    = 7
	DecisionWeeks    = 8
)

// ProcedureDue returns the procedure reminders due as of asOf for a procedure in state st
// with its evidence deadline, visit day and state.
func ProcedureDue(st cert.State, evidenceDue, visitOn cert.Date, asOf cert.Date) []Due {
	var out []Due
	switch st {
	case cert.StateRegistered, cert.StateEvidenceRequested:
		if evidenceDue.IsZero() {
			return nil
		}
		if asOf.After(evidenceDue) {
			return []Due{{EvidenceOverdue, evidenceDue.AddDays(1)}}
		}
		if warn := evidenceDue.AddDays(-EvidenceWarnDays); !asOf.Before(warn) {
			out = append(out, Due{EvidenceDueSoon, warn})
		}
	case cert.StateVisitScheduled:
		if warn := visitOn.AddDays(-VisitWarnDays); !visitOn.IsZero() && !asOf.Before(warn) && !asOf.After(visitOn) {
			out = append(out, Due{VisitSoon, warn})
		}
	case cert.StateVisited:
		if late := visitOn.AddDays(7 * DecisionWeeks); !visitOn.IsZero() && !asOf.Before(late) {
			out = append(out, Due{NoDecision, late})
		}
	}
	return out
}

// Series returns the reminder days of a seal ending on until, in series order.
func Series(until cert.Date, windowOffsetMonths int) []Due {
	return sealSeries(until, windowOffsetMonths)
}
