package cert

import (
	"context"

	"github.com/kitacert/kitacert/pkg/access"
)

// ErrUnauthenticated is returned when a context carries no principal.
var ErrUnauthenticated = &Error{Code: EUNAUTHORIZED, Message: "Bitte anmelden."}

// ErrForbidden is returned when a principal may see an object but not do the action.
var ErrForbidden = &Error{Code: EFORBIDDEN, Message: "Dafür fehlt Ihnen die Berechtigung."}

// principal returns the principal of ctx; every Service method needs one.
func principal(ctx context.Context) (access.Principal, error) {
	p, ok := access.From(ctx)
	if !ok {
		return access.Principal{}, ErrUnauthenticated
	}
	return p, nil
}

// RequireAll checks a role-wide right (user.manage, audit.read, notification.*): 401 for
// an anonymous context, 403 unless the principal has the action everywhere. The account
// and notification services use it too, so there is one such check.
func RequireAll(ctx context.Context, a access.Action) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if p.ScopeOf(a) != access.All {
		return ErrForbidden
	}
	return nil
}

// mayRead returns ErrNotFound when the principal may not see an object related as r: an
// object outside one's scope looks exactly like one that does not exist.
func mayRead(ctx context.Context, read access.Action, r access.Related) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if !p.Can(read, r) {
		return ErrNotFound
	}
	return nil
}

// mayWrite returns ErrNotFound when the object is invisible, ErrForbidden when it is
// visible but the action is not allowed.
func mayWrite(ctx context.Context, read, write access.Action, r access.Related) error {
	if err := mayRead(ctx, read, r); err != nil {
		return err
	}
	p, _ := principal(ctx)
	if !p.Can(write, r) {
		return ErrForbidden
	}
	return nil
}

// mayCreate checks a create: 403 when the role may not create such objects at all, and a
// 400 naming field when it may, but only inside its own scope and r lies outside.
func mayCreate(ctx context.Context, write access.Action, r access.Related, field string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if p.ScopeOf(write) == access.None {
		return ErrForbidden
	}
	return stayInScope(ctx, write, r, field)
}

// mayCreateAny returns ErrForbidden when the role may not create such objects anywhere;
// where the new object lands is checked with stayInScope once it is known.
func mayCreateAny(ctx context.Context, write access.Action) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if p.ScopeOf(write) == access.None {
		return ErrForbidden
	}
	return nil
}

// stayInScope is the field-level check for Own-scoped changes: the new state of an object
// must stay inside the principal's scope, else the field that moved it out is at fault.
func stayInScope(ctx context.Context, write access.Action, r access.Related, field string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if p.ScopeOf(write) != access.Own || p.Owns(r) {
		return nil
	}
	msg := "Liegt außerhalb Ihres Zuständigkeitsbereichs."
	return &Error{Code: EINVALID, Message: msg, Fields: []FieldError{{Field: field, Message: msg}}}
}

// listFilter narrows a list to what the principal may read.
func listFilter(ctx context.Context, read access.Action) (access.Filter, error) {
	p, err := principal(ctx)
	if err != nil {
		return access.Filter{}, err
	}
	return p.ListFilter(read), nil
}
