package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// masterData is one kind of master data (Kitas, providers, youth offices, contacts) for the
// shared page flow: the detail page with its edit form, the create form and archiving.
// The kind says how to read, change and show its objects; the flow (parse, call the
// service, redirect or show the form again with the service's answer) is the same for all.
type masterData[T any] struct {
	base  string // the list's path, e.g. "/kitas"; objects live at base/ID
	page  string // the page template (detail, edit and create form)
	noun  string // what a new one is called in titles, e.g. "Neue Kita"
	title func(T) string
	meta  func(T) cert.Meta
	get   func(context.Context, uuid.UUID) (T, error)
	// values are the edit form's values of a stored object.
	values func(T) formValues
	// detail fills what the page shows of an object besides its form: the object, the
	// fields the caller may change, the selects and related objects.
	detail  func(r *request, item T) (mdPage, error)
	blank   func(r *request) (mdPage, error) // the create form; nil: no create form
	create  func(r *request, form url.Values) (T, error)
	update  func(r *request, id uuid.UUID, m cert.IfMatch, form url.Values) (T, error)
	archive func(r *request, id uuid.UUID, m cert.IfMatch) (T, error)
}

// mdPage is what the detail and create pages of master data get.
type mdPage struct {
	New        bool      // the create form
	Item       any       // the stored object (nil on the create form)
	Meta       cert.Meta // its id, version and archive state
	Form       formValues
	State      formState
	Fields     map[string]bool // the fields the form offers; none: no edit form
	CanArchive bool
	Options    map[string][]option // the choices of the form's selects, by field
	Related    any                 // what the kind shows besides (names, links, lists)
}

// Editable reports whether the page has an edit form.
func (p mdPage) Editable() bool { return len(p.Fields) > 0 && p.Item != nil && !p.Meta.Archived() }

// formValues are a form's values by field name, as the form shows them.
type formValues map[string]string

// pathID reads the :id of the path; an id that is no UUID is a page that does not exist.
func pathID(r *request) (uuid.UUID, error) {
	id, err := uuid.Parse(r.Param("id"))
	if err != nil {
		return uuid.Nil, cert.ErrNotFound
	}
	return id, nil
}

// postForm returns the form of a POST (not the query).
func postForm(r *request) url.Values {
	_ = r.Request().ParseForm()
	return r.Request().PostForm
}

// show is GET base/:id: the facts and, for those who may change them, the edit form.
func (k masterData[T]) show(r *request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return k.renderDetail(r, http.StatusOK, id, nil, formState{})
}

// renderDetail shows the detail page of id with status. After a refused change the form
// shows what was sent (posted), except after a lost race, when it shows the new values.
func (k masterData[T]) renderDetail(r *request, status int, id uuid.UUID, posted url.Values, st formState) error {
	item, err := k.get(r.ctx(), id)
	if err != nil {
		return err
	}
	pg, err := k.detail(r, item)
	if err != nil {
		return err
	}
	pg.Item, pg.Meta, pg.Form, pg.State = item, k.meta(item), k.values(item), st
	if !st.Stale {
		overlay(pg.Form, posted, pg.Fields)
	}
	return r.render(status, k.page, k.title(item), pg)
}

// overlay copies the sent values of the offered fields into the form.
func overlay(form formValues, posted url.Values, fields map[string]bool) {
	for f := range fields {
		if vs, ok := posted[f]; ok && len(vs) > 0 {
			form[f] = vs[0]
		}
	}
}

// save is POST base/:id: the edit form, sent with the version it showed.
func (k masterData[T]) save(r *request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	form := postForm(r)
	m, err := r.versionOf()
	if err == nil {
		_, err = k.update(r, id, m, form)
	}
	if err == nil {
		return r.redirect(k.base+"/"+id.String(), "gespeichert")
	}
	return k.refused(r, id, form, err)
}

// refused shows the detail page again with the service's reason, or returns an error
// that is not about the form (not found, forbidden, outages).
func (k masterData[T]) refused(r *request, id uuid.UUID, posted url.Values, err error) error {
	st, ok := formError(err)
	if !ok {
		return err
	}
	return k.renderDetail(r, st.formStatus(), id, posted, st)
}

// doArchive is POST base/:id/archive, sent with the version the page showed.
func (k masterData[T]) doArchive(r *request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	m, err := r.versionOf()
	if err == nil {
		_, err = k.archive(r, id, m)
	}
	if err == nil {
		return r.redirect(k.base+"/"+id.String(), "archiviert")
	}
	return k.refused(r, id, nil, err)
}

// newForm is GET base/new: the empty create form.
func (k masterData[T]) newForm(r *request) error {
	return k.renderNew(r, http.StatusOK, nil, formState{})
}

// renderNew shows the create form with what was sent and the service's reason.
func (k masterData[T]) renderNew(r *request, status int, posted url.Values, st formState) error {
	pg, err := k.blank(r)
	if err != nil {
		return err
	}
	pg.New, pg.State = true, st
	if pg.Form == nil {
		pg.Form = formValues{}
	}
	overlay(pg.Form, posted, pg.Fields)
	return r.render(status, k.page, k.noun, pg)
}

// add is POST base/new: create the object and go to its page.
func (k masterData[T]) add(r *request) error {
	form := postForm(r)
	item, err := k.create(r, form)
	if err == nil {
		return r.redirect(k.base+"/"+k.meta(item).ID.String(), "angelegt")
	}
	st, ok := formError(err)
	if !ok {
		return err
	}
	return k.renderNew(r, st.formStatus(), form, st)
}

// fieldSet makes the set of offered fields.
func fieldSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
