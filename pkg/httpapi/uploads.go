package httpapi

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// uploadRules are the body limit and deadline of requests: 1 MiB and the request timeout
// for all, the limit per file (plus room for the form's fields) and the upload timeout
// for a document upload.
type uploadRules struct {
	fileLimit int64
	tooLarge  func() error
	timeout   time.Duration
}

// formRoom is what an upload may carry beside its file: the multipart framing and fields.
const formRoom = 64 << 10

// uploadLimits reads the rules from the config.
func uploadLimits(cfg Config) uploadRules {
	u := uploadRules{timeout: cfg.UploadTimeout}
	if cfg.Service != nil && cfg.Service.Evidence != nil {
		u.fileLimit, u.tooLarge = cfg.Service.Evidence.Limits().MaxFileBytes, cfg.Service.Evidence.TooLarge
	}
	return u
}

// bodyLimit bounds every request body: 1 MiB, an upload its file limit plus formRoom,
// refused with the German message that names the limit per file.
func (u uploadRules) bodyLimit(next echo.HandlerFunc) echo.HandlerFunc {
	small := middleware.BodyLimit("1MiB")(next)
	if u.fileLimit <= 0 {
		return small
	}
	max := u.fileLimit + formRoom
	return func(c echo.Context) error {
		if !isUpload(c) {
			return small(c)
		}
		req := c.Request()
		if req.ContentLength > max {
			return u.tooLarge()
		}
		req.Body = http.MaxBytesReader(c.Response(), req.Body, max)
		return next(c)
	}
}

// deadline is withDeadline with the upload timeout for uploads.
func (u uploadRules) deadline(timeout time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		normal := withDeadline(timeout)(next)
		if u.timeout <= 0 {
			return normal
		}
		upload := withDeadline(u.timeout)(next)
		return func(c echo.Context) error {
			if isUpload(c) {
				return upload(c)
			}
			return normal(c)
		}
	}
}
