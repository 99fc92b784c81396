package web

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// AssetsPrefix is where the vendored files are served: /assets/kern/kern.min.css, …
const AssetsPrefix = "/assets/"

// assetCache lets browsers keep the files a day; a new kitacert version may change them
// (make assets), so they are not marked immutable.
const assetCache = "public, max-age=86400"

// RegisterAssets serves the vendored files under AssetsPrefix and kitacert's own
// stylesheets under AssetsPrefix+"app/", from the binary, with their content type and
// nosniff; anything else under it is 404.
func RegisterAssets(e *echo.Echo) {
	files := http.StripPrefix(AssetsPrefix, http.FileServerFS(served{}))
	e.GET(AssetsPrefix+"*", func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", assetCache)
		h.Set("X-Content-Type-Options", "nosniff")
		if c.Param("*") == "" || c.Param("*")[len(c.Param("*"))-1] == '/' {
			return echo.ErrNotFound // no folder listings
		}
		files.ServeHTTP(c.Response(), c.Request())
		return nil
	}, compress)
	// Browsers ask for /favicon.ico on their own; kitacert has no icon, and "no content"
	// keeps a 404 out of every browser console.
	e.GET("/favicon.ico", func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", assetCache)
		return c.NoContent(http.StatusNoContent)
	})
}

// compress gzips pages and text assets (KERN's stylesheet shrinks from 340 KB to 37 KB)
// for clients that accept it. Fonts (woff2) and images are compressed already and are
// sent as they are, and so are evidence downloads (streamed with their length, and mostly
// compressed formats); answers under 1 KB are not worth it. It is a route middleware of the
// pages and /assets/ only: the API answers as before.
var compress = middleware.GzipWithConfig(middleware.GzipConfig{
	Level:     5,
	MinLength: 1024,
	Skipper: func(c echo.Context) bool {
		p := c.Request().URL.Path
		return strings.HasSuffix(p, ".woff2") || strings.HasSuffix(p, ".png") || c.Path() == downloadRoute || c.Path() == issuedDownloadRoute
	},
})

//go:embed static
var ownFiles embed.FS

// served is what /assets/ serves: the vendored files, and kitacert's own under app/.
type served struct{}

// Open implements fs.FS.
func (served) Open(name string) (fs.File, error) {
	if rest, ok := strings.CutPrefix(name, "app/"); ok {
		return ownFiles.Open("static/" + rest)
	}
	return Assets().Open(name)
}
