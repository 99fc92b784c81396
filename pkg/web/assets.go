// Package web holds what the web pages of kitacert are made of. So far these are the
// vendored front-end files (KERN UX's stylesheet and fonts, htmx), embedded in the binary so
// that nothing is loaded from elsewhere at run time; `make assets` refreshes them from the
// versions pinned in assets/package.json and assets/package-lock.json.
package web

import (
	"embed"
	"io/fs"
)

//go:embed assets/vendor
var vendored embed.FS

// Assets returns the vendored files: kern/kern.min.css, kern/fonts/…, htmx/htmx.min.js,
// licenses/… and VERSIONS (package, version, licence and registry integrity of each).
func Assets() fs.FS {
	sub, err := fs.Sub(vendored, "assets/vendor")
	if err != nil {
		panic(err) // the path is a constant of this file
	}
	return sub
}
