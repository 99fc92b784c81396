package httpapi

import "github.com/labstack/echo/v4"

// validatedRouter registers the generated routes on echo with authentication and the
// request validator as route middleware. (An echo.Group with middleware would also add catch-all routes that
// turn every 405 into a 404.)
type validatedRouter struct {
	e  *echo.Echo
	mw []echo.MiddlewareFunc // authentication, then validation
}

func (r validatedRouter) with(m []echo.MiddlewareFunc) []echo.MiddlewareFunc {
	return append(append([]echo.MiddlewareFunc{}, r.mw...), m...)
}

// CONNECT implements api.EchoRouter.
func (r validatedRouter) CONNECT(p string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return r.e.CONNECT(p, h, r.with(m)...)
}

// DELETE implements api.EchoRouter.
func (r validatedRouter) DELETE(p string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return r.e.DELETE(p, h, r.with(m)...)
}

// GET implements api.EchoRouter.
func (r validatedRouter) GET(p string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return r.e.GET(p, h, r.with(m)...)
}

// HEAD implements api.EchoRouter.
func (r validatedRouter) HEAD(p string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return r.e.HEAD(p, h, r.with(m)...)
}

// OPTIONS implements api.EchoRouter.
func (r validatedRouter) OPTIONS(p string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return r.e.OPTIONS(p, h, r.with(m)...)
}

// PATCH implements api.EchoRouter.
func (r validatedRouter) PATCH(p string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return r.e.PATCH(p, h, r.with(m)...)
}

// POST implements api.EchoRouter.
func (r validatedRouter) POST(p string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return r.e.POST(p, h, r.with(m)...)
}

// PUT implements api.EchoRouter.
func (r validatedRouter) PUT(p string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return r.e.PUT(p, h, r.with(m)...)
}

// TRACE implements api.EchoRouter.
func (r validatedRouter) TRACE(p string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return r.e.TRACE(p, h, r.with(m)...)
}
