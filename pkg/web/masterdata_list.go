package web

import (
	"net/http"

	"github.com/kitacert/kitacert/pkg/cert"
)

// sortOptions are the orders a master-data list offers (parameter "sortierung").
var sortOptions = []option{{"", "Name A–Z"}, {"neu", "zuletzt angelegt"}}

// ordered is the page of the list in the order its URL asks for: by name (the default)
// or newest first.
func ordered(q listQuery) cert.Page {
	p := q.Page
	if q.Values.Get("sortierung") == "neu" {
		p.Descending = true
	} else {
		p.ByName = true
	}
	return p
}

// mdList is what a master-data list page gets: the query, one page of rows, the paging
// links and the filter form's values and choices.
type mdList struct {
	Query     listQuery
	Items     any
	Count     int
	Pager     pager
	Filter    formValues                   // the filters as sent, by parameter
	Options   map[string][]option          // the choices of the filter selects, by parameter
	Names     map[string]map[string]string // the same choices as value → label, for the table
	CanCreate bool

	Title, Path, NewLabel, SearchLabel string     // the heading, the list's path, the create link, the search label
	Filters                            []mdFilter // the filters besides the search, in order
	Columns                            []string   // the table's column headings
}

// mdFilter is one filter of a list's form: a select of Options[Name], or a text field.
type mdFilter struct {
	Name, Label string
	Text        bool
}

// renderList shows a list page at path: the whole page, or for htmx only its fragment
// (the table and the paging).
func renderList[T any](r *request, page, title string, q listQuery, items []T, next string, l mdList) error {
	l.Query, l.Items, l.Count, l.Pager = q, items, len(items), pagerFor(r.Request().URL.Path, q, next)
	l.Title, l.Path = title, r.Request().URL.Path
	if l.Filter == nil {
		l.Filter = formValues{}
	}
	l.Options["sortierung"] = sortOptions
	l.Names = map[string]map[string]string{}
	for param, opts := range l.Options {
		l.Names[param] = map[string]string{}
		for _, o := range opts {
			l.Names[param][o.Value] = o.Label
		}
	}
	for k := range q.Values {
		l.Filter[k] = q.Values.Get(k)
	}
	return r.render(http.StatusOK, page, title, l)
}
