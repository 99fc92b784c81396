package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// AssetsPrefix is where the vendored files are served: /assets/kern/kern.min.css, …
const AssetsPrefix = "/assets/"

// assetCache lets browsers keep the files a day; a new kitacert version may change them
// (make assets), so they are not marked immutable.
const assetCache = "public, max-age=86400"

// Register adds the routes of the web pages to e. So far: the vendored files under
// AssetsPrefix, from the binary, with their content type and nosniff; anything else
// under it is 404.
func Register(e *echo.Echo) {
	files := http.StripPrefix(AssetsPrefix, http.FileServerFS(Assets()))
	e.GET(AssetsPrefix+"*", func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", assetCache)
		h.Set("X-Content-Type-Options", "nosniff")
		if c.Param("*") == "" || c.Param("*")[len(c.Param("*"))-1] == '/' {
			return echo.ErrNotFound // no folder listings
		}
		files.ServeHTTP(c.Response(), c.Request())
		return nil
	})
}
