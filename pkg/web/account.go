package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

// accountView is the page Mein Konto: the account, its scope, its API tokens and the
// forms to change the password and to create a token.
type accountView struct {
	Scope    *scopeLink
	Tokens   []tokenRow
	Password formState // the password form shown again
	Token    formState // the token form shown again
	// TokenName and TokenExpires are the values of a refused token form.
	TokenName, TokenExpires string
	// Issued is the token just created: its secret is shown this once.
	Issued *auth.IssuedToken
}

// scopeLink is the youth office or Kita a user works for, linked when its page exists.
type scopeLink struct {
	Kind, Name, Href string
}

// tokenRow is one API token as the list shows it.
type tokenRow struct {
	auth.Token
	Active bool // neither revoked nor expired
}

// account shows Mein Konto.
func (p *Pages) account(r *request) error {
	return p.renderAccount(r, http.StatusOK, accountView{})
}

// renderAccount fills v with the account's scope and tokens and renders the page.
func (p *Pages) renderAccount(r *request, status int, v accountView) error {
	var err error
	if v.Scope, err = p.scopeOf(r, r.me); err != nil {
		return err
	}
	if v.Tokens, err = p.tokenRows(r, r.me.ID); err != nil {
		return err
	}
	return r.render(status, "account", "Mein Konto", v)
}

// tokenRows lists the API tokens of a user, newest first.
func (p *Pages) tokenRows(r *request, userID uuid.UUID) ([]tokenRow, error) {
	ts, err := p.cfg.Accounts.Tokens(r.ctx(), userID)
	if err != nil {
		return nil, err
	}
	now := p.cfg.Accounts.Now()
	out := make([]tokenRow, len(ts))
	for i, t := range ts {
		out[i] = tokenRow{Token: t, Active: t.RevokedAt == nil && (t.ExpiresAt == nil || now.Before(*t.ExpiresAt))}
	}
	return out, nil
}

// scopeOf names the youth office or Kita of u, nil for roles without one.
func (p *Pages) scopeOf(r *request, u auth.User) (*scopeLink, error) {
	switch {
	case u.YouthOfficeID != nil:
		o, err := p.svc.YouthOffices.Get(r.ctx(), *u.YouthOfficeID)
		if err != nil {
			return nil, err
		}
		return &scopeLink{Kind: "Jugendamt", Name: o.Name, Href: p.linkIf("/youth-offices/:id", o.ID)}, nil
	case u.KitaID != nil:
		k, err := p.svc.Kitas.Get(r.ctx(), *u.KitaID)
		if err != nil {
			return nil, err
		}
		return &scopeLink{Kind: "Kita", Name: k.Name, Href: p.linkIf("/kitas/:id", k.ID)}, nil
	}
	return nil, nil
}

// linkIf returns the path of the page route with id filled in, "" while no such page exists.
func (p *Pages) linkIf(route string, id uuid.UUID) string {
	if !p.pageExists[route] {
		return ""
	}
	return strings.Replace(route, ":id", id.String(), 1)
}

// changePassword changes the caller's password and ends their other sessions.
func (p *Pages) changePassword(r *request) error {
	next := r.FormValue(auth.FieldNewPassword)
	if next != r.FormValue("new_password_repeat") {
		st := fieldState("new_password_repeat", "Die Wiederholung stimmt nicht mit dem neuen Passwort überein.")
		return p.renderAccount(r, http.StatusUnprocessableEntity, accountView{Password: st})
	}
	err := p.cfg.Accounts.ChangePassword(r.ctx(), r.FormValue(auth.FieldCurrentPassword), next)
	if err == nil {
		return r.redirect("/account", "passwort")
	}
	if cert.ErrorCode(err) == auth.ETOOMANY {
		r.Response().Header().Set("Retry-After", retryAfter(p.cfg.Accounts.LoginWindow()))
		return p.renderAccount(r, http.StatusTooManyRequests, accountView{Password: fieldState(auth.FieldCurrentPassword, auth.ErrTooManyAttempts.Message)})
	}
	st, ok := formError(err)
	if !ok {
		return err
	}
	return p.renderAccount(r, st.formStatus(), accountView{Password: st})
}

// fieldState is a form state with one message on one field.
func fieldState(field, msg string) formState {
	return formState{Errors: map[string]string{field: msg}, Summary: []fieldMessage{{Field: field, Message: msg}}}
}

// createToken issues an API token for the caller and shows its secret once.
func (p *Pages) createToken(r *request) error {
	name, expires := strings.TrimSpace(r.FormValue("name")), strings.TrimSpace(r.FormValue("expires_at"))
	var until time.Time
	if expires != "" {
		d, err := cert.ParseDate(expires)
		if err != nil {
			st := fieldState("expires_at", "Bitte ein Datum wie 31.12.2027 angeben.")
			return p.renderAccount(r, http.StatusUnprocessableEntity, accountView{Token: st, TokenName: name, TokenExpires: expires})
		}
		until = d.AddDays(1).Time(p.cfg.Location) // valid through the whole day
	}
	t, err := p.cfg.Accounts.IssueToken(r.ctx(), r.me.ID, name, until)
	if err != nil {
		st, ok := formError(err)
		if !ok {
			return err
		}
		return p.renderAccount(r, st.formStatus(), accountView{Token: st, TokenName: name, TokenExpires: expires})
	}
	return p.renderAccount(r, http.StatusCreated, accountView{Issued: &t})
}

// revokeToken revokes one of the caller's own tokens; another user's token is not found.
func (p *Pages) revokeToken(r *request) error {
	id, err := uuid.Parse(r.Param("id"))
	if err != nil {
		return cert.ErrNotFound
	}
	if _, err := p.cfg.Accounts.RevokeToken(r.ctx(), r.me.ID, id); err != nil {
		return err
	}
	return r.redirect("/account", "widerrufen")
}
