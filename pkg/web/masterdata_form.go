package web

import (
	"net/url"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// formParser reads a sent master-data form into the services' inputs and collects the
// fields it cannot read (a select value that is no id). Rules are the services' own.
type formParser struct {
	form url.Values
	v    cert.Validation
}

// msgChoose is the message for a select value that is not one of the choices.
const msgChoose = "Bitte wählen Sie einen Eintrag aus der Liste."

// str returns the value of the field ("" when absent).
func (p *formParser) str(name string) string { return p.form.Get(name) }

// ptr returns the value of the field when the form sent it, else nil: a patch changes
// only what the form offered (and refuses a field the role may not change when sent).
func (p *formParser) ptr(name string) *string {
	if _, ok := p.form[name]; !ok {
		return nil
	}
	s := p.form.Get(name)
	return &s
}

// id reads the id chosen in a select; empty is none.
func (p *formParser) id(name string) *uuid.UUID {
	s := strings.TrimSpace(p.form.Get(name))
	if s == "" {
		return nil
	}
	id, err := uuid.Parse(s)
	if err != nil {
		p.v.Add(name, msgChoose)
		return nil
	}
	return &id
}

// required reads a select that must name an object: not sent leaves it as is (nil),
// empty is the zero id, which the service refuses as missing.
func (p *formParser) required(name string) *uuid.UUID {
	if _, ok := p.form[name]; !ok {
		return nil
	}
	if id := p.id(name); id != nil {
		return id
	}
	return &uuid.UUID{}
}

// optional returns the value of a field that may be removed: absent is nil, empty removes.
func (p *formParser) optional(name string) cert.Optional[string] {
	s := p.ptr(name)
	if s == nil {
		return cert.Optional[string]{}
	}
	if strings.TrimSpace(*s) == "" {
		return cert.Optional[string]{Set: true}
	}
	return cert.Optional[string]{Set: true, Value: s}
}

// err is the fields the parser could not read, or nil.
func (p *formParser) err() error { return p.v.Err() }

// choices turns a list into the options of a select, first the empty one.
func choices[T any](list cert.List[T], err error, empty string, of func(T) option) ([]option, error) {
	if err != nil {
		return nil, err
	}
	out := []option{{"", empty}}
	for _, x := range list.Items {
		out = append(out, of(x))
	}
	return out, nil
}

// all is the page of a select's choices: every active object at once.
var all = cert.Page{Limit: cert.MaxLimit}

// youthOfficeOptions are the active youth offices as choices, first the empty one.
func (p *Pages) youthOfficeOptions(r *request, empty string) ([]option, error) {
	list, err := p.svc.YouthOffices.List(r.ctx(), cert.YouthOfficeFilter{Page: all})
	return choices(list, err, empty, func(o cert.YouthOffice) option { return option{o.ID.String(), o.Name} })
}

// providerOptions are the active providers as choices, first the empty one.
func (p *Pages) providerOptions(r *request, empty string) ([]option, error) {
	list, err := p.svc.Providers.List(r.ctx(), cert.ProviderFilter{Page: all})
	return choices(list, err, empty, func(o cert.Provider) option { return option{o.ID.String(), o.Name} })
}

// kitaOptions are the active Kitas the caller may see as choices, first the empty one.
func (p *Pages) kitaOptions(r *request, empty string) ([]option, error) {
	list, err := p.svc.Kitas.List(r.ctx(), cert.KitaFilter{Page: all})
	return choices(list, err, empty, func(k cert.Kita) option { return option{k.ID.String(), k.Name} })
}

// queryID reads an id filter of a list; anything else is no filter.
func queryID(q listQuery, name string) *uuid.UUID {
	id, err := uuid.Parse(q.Values.Get(name))
	if err != nil {
		return nil
	}
	return &id
}
