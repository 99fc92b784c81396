package web

import (
	"net/url"
	"strings"

	"github.com/kitacert/kitacert/pkg/cert"
)

// listPageSize is how many rows a list page shows.
const listPageSize = 25

// listQuery is what every list page reads from its URL: the search text, the cursor of
// the page, whether archived entries are shown, and the remaining filters as sent.
type listQuery struct {
	Q        string
	Cursor   string
	Archived bool
	Values   url.Values // the whole query, for links that keep the filters
	Page     cert.Page
}

// listQuery reads the common list parameters. A broken cursor (an edited URL) starts
// again at the first page instead of failing.
func (r *request) listQuery() listQuery {
	vals := r.QueryParams()
	q := listQuery{Q: strings.TrimSpace(vals.Get("q")), Cursor: vals.Get("seite"), Archived: vals.Get("archiviert") == "1", Values: vals}
	p, err := cert.NewPage(listPageSize, q.Cursor, q.Archived)
	if err != nil {
		p, _ = cert.NewPage(listPageSize, "", q.Archived)
		q.Cursor = ""
	}
	q.Page = p
	return q
}

// pager is the paging of a list: links to the first and to the next page, keeping the
// filters.
type pager struct {
	First, Next string
}

// pagerFor builds the paging links of a list at path from the query and the list's next
// cursor.
func pagerFor(path string, q listQuery, nextCursor string) pager {
	var pg pager
	keep := url.Values{}
	for k, v := range q.Values {
		if k != "seite" {
			keep[k] = v
		}
	}
	link := func(cursor string) string {
		v := url.Values{}
		for k, x := range keep {
			v[k] = x
		}
		if cursor != "" {
			v.Set("seite", cursor)
		}
		if len(v) == 0 {
			return path
		}
		return path + "?" + v.Encode()
	}
	if q.Cursor != "" {
		pg.First = link("")
	}
	if nextCursor != "" {
		pg.Next = link(nextCursor)
	}
	return pg
}
