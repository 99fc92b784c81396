package web

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/kitacert/kitacert/pkg/cert"
)

// auditTypes are the resource types of the audit trail in German, and the page of each
// resource (its id appended), where there is one.
var auditTypes = []struct {
	code, label, page string
}{
	{"center", "Familienzentrum", "/centers/"},
	{"kita", "Kita", "/kitas/"},
	{"provider", "Träger", "/providers/"},
	{"youth_office", "Jugendamt", "/youth-offices/"},
	{"contact", "Kontakt", "/contacts/"},
	{"procedure", "Verfahren", "/procedures/"},
	{"seal", "Gütesiegel", "/seals/"},
	{"contingent", "Kontingent", ""},
	{"catalogue", "Kriterienkatalog", ""},
	{"notification", "Benachrichtigung", ""},
	{"user", "Benutzerkonto", "/admin/users/"},
	{"token", "API-Token", ""},
	{"session", "Anmeldung", ""},
}

// auditFilterForm is the filter form of the audit trail as the URL gave it.
type auditFilterForm struct {
	Q, Type, Actor, From, To string
	TypeOptions              []option
	AllActors                string // the same view without the actor filter ("": none set)
}

// auditRow is one entry of the trail as the page shows it.
type auditRow struct {
	E                    cert.AuditEntry
	TypeLabel, Link, Who string
	ActorLink            string // the view filtered to this actor ("": no actor)
	Changes              []auditChange
}

// auditChange is one changed field: its value before and after.
type auditChange struct {
	Field, Before, After string
}

// auditView is the audit page.
type auditView struct {
	Filter auditFilterForm
	Form   formState
	Rows   []auditRow
	Pager  pager
}

// audit lists the audit trail, newest first, filtered by the URL: typ (resource type),
// akteur (user id), von/bis (days, inclusive), q (action, resource id or a recorded value).
func (p *Pages) audit(r *request) error {
	q := r.listQuery()
	vals := q.Values
	var st formState
	types := make([]option, len(auditTypes))
	for i, t := range auditTypes {
		types[i] = option{Value: t.code, Label: t.label}
	}
	self := r.Request().URL.RequestURI()
	f := auditFilterForm{Q: q.Q, Type: vals.Get("typ"), Actor: vals.Get("akteur"), From: vals.Get("von"), To: vals.Get("bis"), TypeOptions: withAll(types)}
	if f.Actor != "" {
		f.AllActors = withQuery(self, "akteur", "", "seite", "")
	}
	filter := cert.AuditFilter{Page: q.Page, Q: q.Q, ResourceType: queryChoice(vals, "typ", f.TypeOptions, &st), NewestFirst: true,
		ActorID: sealQueryID(vals, "akteur", &st), FromDay: queryDate(vals, "von", &st), ToDay: queryDate(vals, "bis", &st)}
	list, err := p.svc.Audit.List(r.ctx(), filter)
	if err != nil {
		return err
	}
	v := auditView{Filter: f, Form: st, Pager: pagerFor("/audit", q, list.NextCursor)}
	for _, e := range list.Items {
		row := auditRow{E: e, TypeLabel: e.ResourceType, Who: r.actor(e.ActorID, e.ActorRole), Changes: auditChanges(e)}
		for _, t := range auditTypes {
			if t.code == e.ResourceType {
				row.TypeLabel = t.label
				if t.page != "" && r.p.pageExists[t.page+":id"] {
					row.Link = t.page + e.ResourceID
				}
			}
		}
		if e.ActorID != nil {
			row.ActorLink = withQuery(self, "akteur", e.ActorID.String(), "seite", "")
		}
		v.Rows = append(v.Rows, row)
	}
	return r.render(st.filterStatus(), "audit", "Protokoll", v)
}

// auditChanges lists the changed fields of an entry by name (the trail keeps only those).
func auditChanges(e cert.AuditEntry) []auditChange {
	keys := map[string]bool{}
	for k := range e.Before {
		keys[k] = true
	}
	for k := range e.After {
		keys[k] = true
	}
	out := make([]auditChange, 0, len(keys))
	for k := range keys {
		out = append(out, auditChange{Field: k, Before: auditValue(e.Before, k), After: auditValue(e.After, k)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// auditValue shows a recorded value compactly: dates in German, yes/no, "–" for none.
func auditValue(m map[string]any, k string) string {
	v, ok := m[k]
	if !ok || v == nil {
		return "–"
	}
	switch x := v.(type) {
	case bool:
		if x {
			return "ja"
		}
		return "nein"
	case string:
		if x == "" {
			return "(leer)"
		}
		if len(x) == len("2006-01-02") {
			if d, err := cert.ParseDate(x); err == nil {
				return d.German()
			}
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
