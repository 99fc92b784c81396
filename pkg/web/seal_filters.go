package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// The list filters of the seal, notification and audit pages read their values from the
// URL; a value that does not parse is reported on its field (422) and the list is not
// filtered by it.

// note records a German message for a filter field.
func (st *formState) note(field, msg string) {
	if st.Errors == nil {
		st.Errors = map[string]string{}
	}
	if _, dup := st.Errors[field]; dup {
		return
	}
	st.Errors[field] = msg
	st.Summary = append(st.Summary, fieldMessage{Field: field, Message: msg})
}

// queryDate reads an optional date (YYYY-MM-DD, as <input type="date"> sends it).
func queryDate(vals url.Values, name string, st *formState) *cert.Date {
	s := strings.TrimSpace(vals.Get(name))
	if s == "" {
		return nil
	}
	d, err := cert.ParseDate(s)
	if err != nil {
		st.note(name, "Bitte geben Sie ein Datum an (TT.MM.JJJJ).")
		return nil
	}
	return &d
}

// sealQueryID reads an optional id.
func sealQueryID(vals url.Values, name string, st *formState) *uuid.UUID {
	s := strings.TrimSpace(vals.Get(name))
	if s == "" {
		return nil
	}
	id, err := uuid.Parse(s)
	if err != nil {
		st.note(name, "Bitte wählen Sie einen Eintrag aus der Liste.")
		return nil
	}
	return &id
}

// queryInt reads an optional whole number between lo and hi (0: not given).
func queryInt(vals url.Values, name string, lo, hi int, st *formState) int {
	s := strings.TrimSpace(vals.Get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		st.note(name, "Bitte geben Sie eine Zahl von "+strconv.Itoa(lo)+" bis "+strconv.Itoa(hi)+" an.")
		return 0
	}
	return n
}

// queryChoice reads an optional value that must be one of the options.
func queryChoice(vals url.Values, name string, opts []option, st *formState) string {
	s := strings.TrimSpace(vals.Get(name))
	if s == "" {
		return ""
	}
	for _, o := range opts {
		if o.Value == s {
			return s
		}
	}
	st.note(name, "Bitte wählen Sie einen Wert aus der Liste.")
	return ""
}

// withAll puts the choice "alle" (no filter) before the options.
func withAll(opts []option) []option {
	return append([]option{{Value: "", Label: "alle"}}, opts...)
}

// filterStatus is the status of a list page: 422 when a filter did not parse.
func (st formState) filterStatus() int {
	if len(st.Summary) > 0 {
		return st.formStatus()
	}
	return http.StatusOK
}

// names looks up display names by id once per page; an object the caller may not read
// (or that is gone) has the name "" and the page shows it without a link.
type names[K comparable] struct {
	get  func(ctx context.Context, id K) (string, error)
	seen map[K]string
}

func newNames[K comparable](get func(ctx context.Context, id K) (string, error)) *names[K] {
	return &names[K]{get: get, seen: map[K]string{}}
}

// of returns the name of id; errors other than "not found" or "forbidden" are returned.
func (n *names[K]) of(ctx context.Context, id K) (string, error) {
	if s, ok := n.seen[id]; ok {
		return s, nil
	}
	s, err := n.get(ctx, id)
	if err != nil {
		if c := cert.ErrorCode(err); c != cert.ENOTFOUND && c != cert.EFORBIDDEN {
			return "", err
		}
		s = ""
	}
	n.seen[id] = s
	return s, nil
}

// sealBadge is the KERN badge modifier of a seal status.
func sealBadge(st cert.SealStatus) string {
	switch st {
	case cert.SealActive:
		return "success"
	case cert.SealRenewalDue:
		return "warning"
	case cert.SealPending, cert.SealSuperseded:
		return "info"
	}
	return "danger"
}

// rename moves the message of a service's field to the form field that shows it.
func (st formState) rename(from, to string) formState {
	if msg, ok := st.Errors[from]; ok {
		delete(st.Errors, from)
		st.Errors[to] = msg
	}
	for i := range st.Summary {
		if st.Summary[i].Field == from {
			st.Summary[i].Field = to
		}
	}
	return st
}
