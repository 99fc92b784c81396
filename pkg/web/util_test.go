package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

// newFormRequest builds a form POST without cookies.
func newFormRequest(path string, form url.Values) *http.Request {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// serve sends req through the site's router.
func serve(s *site, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	s.e.ServeHTTP(rec, req)
	return rec
}
