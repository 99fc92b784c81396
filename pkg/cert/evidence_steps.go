package cert

import (
	"context"
	"strings"
)

// evidenceSteps is what the steps of a procedure do with its questionnaire: submit_evidence
// locks the answers, request_evidence returns the criteria the assessor returned.
type evidenceSteps interface {
	// prepare completes a step's input before it is checked: a request for evidence names
	// the returned criteria (and what the assessor wrote besides).
	prepare(ctx context.Context, p Procedure, in TransitionInput) (TransitionInput, error)
	// stepped runs after the step was stored, in its transaction.
	stepped(ctx context.Context, p Procedure, in TransitionInput) error
}

// prepare implements evidenceSteps.
func (s *Evidence) prepare(ctx context.Context, p Procedure, in TransitionInput) (TransitionInput, error) {
	if in.Action != ActRequestEvidence {
		return in, nil
	}
	returned, err := s.returnedItems(ctx, p.ID)
	if err != nil || len(returned) == 0 {
		return in, err
	}
	if typed := strings.TrimSpace(in.Missing); typed != "" {
		returned = append(returned, MissingItems(typed)...)
	}
	in.Missing = strings.Join(returned, "\n")
	return in, nil
}

// stepped implements evidenceSteps.
func (s *Evidence) stepped(ctx context.Context, p Procedure, in TransitionInput) error {
	if in.Action != ActSubmitEvidence {
		return nil
	}
	_, err := s.store.SubmitAnswers(ctx, p.ID, s.now())
	return err
}
