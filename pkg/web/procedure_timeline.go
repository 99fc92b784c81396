package web

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// eventView is one entry of a procedure's history as the timeline shows it.
type eventView struct {
	At       time.Time
	Action   string // German
	From, To cert.State
	Who      string
	Comment  string
	Fields   []eventField
}

// eventField is one recorded field of a step, in German.
type eventField struct {
	Label, Value, Href string
}

// eventFieldLabels name the fields steps record, in the order the timeline lists them.
var eventFieldLabels = []struct{ key, label string }{
	{"kind", "Verfahrensart"},
	{"kindergarten_year", "Kindergartenjahr"},
	{"certification_number", "Zertifikatsnummer"},
	{"evidence_due_on", "Belege fällig bis"},
	{"missing", "Was fehlt"},
	{"assessor_id", "Begutachtung"},
	{"visit_on", "Begehung am"},
	{"visit_sites", "Besuchte Kitas"},
	{"decided_on", "Entschieden am"},
	{"valid_from", "Gütesiegel gültig ab"},
	{"valid_until", "Gütesiegel gültig bis"},
	{"seal_id", "Gütesiegel"},
	{"reason", "Begründung"},
	{"deferred_from_id", "Zurückgestellt aus"},
}

// eventView renders a history entry; names are the center's Kitas by id.
func (p *Pages) eventView(r *request, e cert.Event, names map[string]string) eventView {
	v := eventView{At: e.At, From: e.From, To: e.To, Comment: e.Comment, Who: actorLabel(e.ActorRole)}
	if e.Action == "create" {
		v.Action = "Nominierung"
	} else {
		v.Action = cert.Action(e.Action).Label()
	}
	known := map[string]bool{}
	for _, f := range eventFieldLabels {
		known[f.key] = true
		val, ok := e.Fields[f.key]
		if !ok {
			continue
		}
		if ef, show := p.eventField(r, f.key, f.label, val, names); show {
			v.Fields = append(v.Fields, ef)
		}
	}
	var rest []string // fields of newer kitacert versions: shown as they are
	for k := range e.Fields {
		if !known[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		v.Fields = append(v.Fields, eventField{Label: k, Value: fmt.Sprint(e.Fields[k])})
	}
	return v
}

// eventField renders one recorded field; show is false for an empty one.
func (p *Pages) eventField(r *request, key, label string, val any, names map[string]string) (eventField, bool) {
	s := fmt.Sprint(val)
	f := eventField{Label: label, Value: s}
	switch key {
	case "kind":
		f.Value = cert.ProcedureKind(s).Label()
	case "evidence_due_on", "visit_on", "decided_on", "valid_from", "valid_until":
		if d, err := cert.ParseDate(s); err == nil {
			f.Value = d.German()
		}
	case "visit_sites":
		list, _ := val.([]any)
		var out []string
		for _, id := range list {
			out = append(out, siteName(names, fmt.Sprint(id)))
		}
		f.Value = strings.Join(out, ", ")
	case "assessor_id":
		f.Value = "übernommen"
	case "seal_id":
		f.Value, f.Href = "ausgestellt", "/seals/"+s
		if !r.can(access.SealRead) {
			f.Href = ""
		}
	case "deferred_from_id":
		f.Value, f.Href = "früheres Verfahren", "/procedures/"+s
	}
	return f, strings.TrimSpace(f.Value) != ""
}

// actorLabel names who took a step by their role.
func actorLabel(role string) string {
	if role == string(access.RoleSystem) {
		return "kitacert (automatisch)"
	}
	if l, ok := RoleLabels[access.Role(role)]; ok {
		return l
	}
	if role == "" {
		return "unbekannt"
	}
	return role
}
