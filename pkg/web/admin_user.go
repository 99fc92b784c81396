package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

// userForm is the form of a new or an existing account.
type userForm struct {
	User   *auth.User // the stored account; nil for a new one
	Scope  *scopeLink // the stored account's youth office or Kita
	Tokens []tokenRow // the stored account's API tokens
	// The values the form shows: the stored ones, or the ones sent with a refused form.
	Email, DisplayName, Role, YouthOfficeID, KitaID string
	Disabled                                        bool
	Version                                         int
	Roles, YouthOffices, Kitas                      []option
	State                                           formState
}

// formOf fills the form's values from a stored account.
func formOf(u auth.User) userForm {
	f := userForm{User: &u, Email: u.Email, DisplayName: u.DisplayName, Role: string(u.Role), Disabled: u.Disabled(), Version: u.Version}
	if u.YouthOfficeID != nil {
		f.YouthOfficeID = u.YouthOfficeID.String()
	}
	if u.KitaID != nil {
		f.KitaID = u.KitaID.String()
	}
	return f
}

// readUserForm reads the values sent. The youth office and the Kita belong to their
// roles: the form sends only the one the chosen role uses.
func (r *request) readUserForm() userForm {
	f := userForm{Email: strings.TrimSpace(r.FormValue("email")), DisplayName: r.FormValue("display_name"),
		Role: r.FormValue("role"), Disabled: r.FormValue("disabled") == "1"}
	switch access.Role(f.Role) {
	case access.RoleYouthOffice:
		f.YouthOfficeID = r.FormValue("youth_office_id")
	case access.RoleKitaLeader:
		f.KitaID = r.FormValue("kita_id")
	}
	return f
}

// scopeIDs parses the youth office and Kita chosen; an id that is no id names its field.
func (f userForm) scopeIDs() (office, kita *uuid.UUID, err error) {
	var v cert.Validation
	parse := func(s, field, msg string) *uuid.UUID {
		if s == "" {
			return nil
		}
		id, err := uuid.Parse(s)
		if err != nil {
			v.Add(field, msg)
			return nil
		}
		return &id
	}
	office = parse(f.YouthOfficeID, "youth_office_id", "Das Jugendamt existiert nicht.")
	kita = parse(f.KitaID, "kita_id", "Die Kita existiert nicht.")
	return office, kita, v.Err()
}

// newUserPage shows the form for a new account.
func (p *Pages) newUserPage(r *request) error {
	return p.renderUserForm(r, http.StatusOK, userForm{Role: string(access.RoleCoordinator)})
}

// createUser creates an account, with an initial password when one is given.
func (p *Pages) createUser(r *request) error {
	f := r.readUserForm()
	office, kita, err := f.scopeIDs()
	if err == nil {
		var u auth.User
		u, err = p.cfg.Accounts.CreateUser(r.ctx(), auth.NewUser{Email: f.Email, DisplayName: f.DisplayName,
			Role: access.Role(f.Role), YouthOfficeID: office, KitaID: kita, Password: r.FormValue("password")})
		if err == nil {
			return r.redirect("/admin/users/"+u.ID.String(), "angelegt")
		}
	}
	return p.refuseUserForm(r, f, err)
}

// userPage shows an account with the form to change it.
func (p *Pages) userPage(r *request) error {
	u, err := p.userOf(r)
	if err != nil {
		return err
	}
	return p.renderUserForm(r, http.StatusOK, formOf(u))
}

// updateUser changes an account as of the version the form showed.
func (p *Pages) updateUser(r *request) error {
	cur, err := p.userOf(r)
	if err != nil {
		return err
	}
	f := r.readUserForm()
	f.User, f.Email = &cur, cur.Email
	office, kita, err := f.scopeIDs()
	if err == nil {
		var m cert.IfMatch
		if m, err = r.versionOf(); err == nil {
			role := access.Role(f.Role)
			patch := auth.UserPatch{DisplayName: &f.DisplayName, Role: &role, Disabled: &f.Disabled,
				YouthOfficeID: cert.Optional[uuid.UUID]{Set: true, Value: office}, KitaID: cert.Optional[uuid.UUID]{Set: true, Value: kita}}
			if pw := r.FormValue("password"); pw != "" {
				patch.Password = &pw
			}
			if _, err = p.cfg.Accounts.UpdateUser(r.ctx(), cur.ID, m, patch); err == nil {
				return r.redirect("/admin/users/"+cur.ID.String(), "gespeichert")
			}
		}
	}
	f.Version, _ = strconv.Atoi(r.FormValue("version"))
	if st, ok := formError(err); ok && st.Stale {
		nf := formOf(cur) // the entry as it is now
		nf.State = st
		return p.renderUserForm(r, st.formStatus(), nf)
	}
	return p.refuseUserForm(r, f, err)
}

// refuseUserForm shows the form again with what the service refused; errors that are
// not about the input are returned.
func (p *Pages) refuseUserForm(r *request, f userForm, err error) error {
	st, ok := formError(err)
	if !ok {
		return err
	}
	f.State = st
	return p.renderUserForm(r, st.formStatus(), f)
}

// userOf reads the account named in the path.
func (p *Pages) userOf(r *request) (auth.User, error) {
	id, err := uuid.Parse(r.Param("id"))
	if err != nil {
		return auth.User{}, cert.ErrNotFound
	}
	return p.cfg.Accounts.User(r.ctx(), id)
}

// renderUserForm fills the choices of the form and renders it.
func (p *Pages) renderUserForm(r *request, status int, f userForm) error {
	f.Roles = roleOptions("")
	var err error
	if f.YouthOffices, err = p.adminYouthOfficeOptions(r); err != nil {
		return err
	}
	if f.Kitas, err = p.adminKitaOptions(r); err != nil {
		return err
	}
	title := "Neuer Benutzer"
	if f.User != nil {
		title = "Benutzer " + f.User.DisplayName
		if f.Scope, err = p.scopeOf(r, *f.User); err != nil {
			return err
		}
		if f.Tokens, err = p.tokenRows(r, f.User.ID); err != nil {
			return err
		}
	}
	return r.render(status, "admin_user", title, f)
}

// adminYouthOfficeOptions are all youth offices as choices, after "no youth office".
func (p *Pages) adminYouthOfficeOptions(r *request) ([]option, error) {
	out := []option{{Value: "", Label: "– kein Jugendamt –"}}
	err := eachPage(func(pg cert.Page) (string, error) {
		l, err := p.svc.YouthOffices.List(r.ctx(), cert.YouthOfficeFilter{Page: pg})
		for _, o := range l.Items {
			out = append(out, option{Value: o.ID.String(), Label: o.Name})
		}
		return l.NextCursor, err
	})
	return out, err
}

// adminKitaOptions are all Kitas as choices (with their city), after "no Kita".
func (p *Pages) adminKitaOptions(r *request) ([]option, error) {
	out := []option{{Value: "", Label: "– keine Kita –"}}
	err := eachPage(func(pg cert.Page) (string, error) {
		l, err := p.svc.Kitas.List(r.ctx(), cert.KitaFilter{Page: pg})
		for _, k := range l.Items {
			out = append(out, option{Value: k.ID.String(), Label: k.Name + " (" + k.Address.City + ")"})
		}
		return l.NextCursor, err
	})
	return out, err
}

// eachPage calls list for every page of a list, the largest pages there are.
func eachPage(list func(cert.Page) (string, error)) error {
	cursor := ""
	for {
		pg, err := cert.NewPage(cert.MaxLimit, cursor, false)
		if err != nil {
			return err
		}
		if cursor, err = list(pg); err != nil || cursor == "" {
			return err
		}
	}
}
