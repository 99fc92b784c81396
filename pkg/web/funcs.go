package web

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
)

// funcs are the helpers every template may call. Dates are German (01.08.2027), times
// are shown in loc.
func funcs(loc *time.Location) template.FuncMap {
	return template.FuncMap{
		"date": germanDate,
		"day": func(t *time.Time) string {
			if t == nil || t.IsZero() {
				return "–"
			}
			return t.In(loc).Format("02.01.2006")
		},
		"datetime": func(t any) string { return germanDateTime(t, loc) },
		"roleLabel": func(r any) string {
			for k, v := range RoleLabels {
				if string(k) == fmt.Sprint(r) {
					return v
				}
			}
			return fmt.Sprint(r)
		},
		"query": func(base string, kv ...string) string { return withQuery(base, kv...) },
		"paras": paragraphs,
		"add":   func(a, b int) int { return a + b },
		"dict":  dict,
		// masterdata: German names of provider kinds, regions, contact functions, salutations
		"mdLabel": mdLabel,
		// centers: German labels of center kinds and member roles, the badge of a seal status
		"centerKindLabel": centerKindLabel,
		"centerRoleLabel": centerRoleLabel,
		"centerSealBadge": centerSealBadge,
		// procedures: whether a step is among the allowed ones
		"inActions": func(a cert.Action, list []cert.Action) bool { return slices.Contains(list, a) },
		// seals, notifications, audit
		"sealBadge": sealBadge,
		"cols":      func(names ...string) []string { return names },
		// the questionnaire
		"reviewBadge": reviewBadge,
		"levelLabel":  levelLabel,
		"period":      period,
		"bytes":       cert.FormatBytes,
		"missingCode": missingCode,
		"formFieldID": func(form, code, doc, field string) string {
			return "f-" + formFieldPrefix(form, code, doc) + "-" + field
		},
		"formAnchor": formAnchor,
	}
}

// reviewBadge is the KERN badge kind of a criterion's review status.
func reviewBadge(s cert.ReviewStatus) string {
	switch s {
	case cert.ReviewAccepted:
		return "success"
	case cert.ReviewReturned:
		return "warning"
	case cert.ReviewOpen, cert.ReviewSubmitted:
		return "info"
	}
	return ""
}

// levelLabel names a criterion's level in German.
func levelLabel(l cert.Level) string {
	if l == cert.LevelAdvanced {
		return "Aufbau"
	}
	return "Basis"
}

// period writes the period a document documents: 01.01.2026–31.12.2026, "ab …", "bis …",
// or "" when it has none.
func period(from, to cert.Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return "ab " + from.German()
	case from.IsZero():
		return "bis " + to.German()
	}
	return from.German() + "–" + to.German()
}

// missingCode returns the criterion code of an item of a request for evidence as the
// service writes returned criteria ("Kriterium 5.2: …"), or "" for another item.
func missingCode(item string) string {
	rest, ok := strings.CutPrefix(item, "Kriterium ")
	if !ok {
		return ""
	}
	code, _, ok := strings.Cut(rest, ":")
	if !ok || code == "" || strings.ContainsAny(code, " \t") {
		return ""
	}
	return code
}

// germanDate formats a cert.Date, *cert.Date, time.Time or *time.Time as 01.08.2027; zero
// and nil values as "–".
func germanDate(v any) string {
	switch d := v.(type) {
	case cert.Date:
		if d.IsZero() {
			return "–"
		}
		return d.German()
	case *cert.Date:
		if d == nil {
			return "–"
		}
		return germanDate(*d)
	case time.Time:
		if d.IsZero() {
			return "–"
		}
		return d.Format("02.01.2006")
	case *time.Time:
		if d == nil {
			return "–"
		}
		return germanDate(*d)
	}
	return fmt.Sprint(v)
}

// germanDateTime formats a time as 01.08.2027, 14:05 in loc.
func germanDateTime(v any, loc *time.Location) string {
	switch t := v.(type) {
	case time.Time:
		if t.IsZero() {
			return "–"
		}
		return t.In(loc).Format("02.01.2006, 15:04") + " Uhr"
	case *time.Time:
		if t == nil {
			return "–"
		}
		return germanDateTime(*t, loc)
	}
	return germanDate(v)
}

// withQuery sets the query parameters kv (name, value, …) on base, dropping empty values;
// lists use it for links that keep the filters.
func withQuery(base string, kv ...string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			q.Del(kv[i])
		} else {
			q.Set(kv[i], kv[i+1])
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// paragraphs splits a plain text at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// dict builds a map from name, value pairs, to pass several values to a partial.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// option is one choice of a select.
type option struct {
	Value, Label string
}
