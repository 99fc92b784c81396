package httpapi

import (
	"strconv"
	"strings"

	"github.com/kitacert/kitacert/pkg/cert"
)

// etag renders a version as a strong entity tag: "3".
func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// ifMatch reads an If-Match header. "*" matches any version; a weak tag (W/"3") counts
// like the strong one; anything that is not one of our tags matches nothing (412).
func ifMatch(h *string) cert.IfMatch {
	if h == nil {
		return cert.IfMatch{}
	}
	s := strings.TrimSpace(*h)
	if s == "*" {
		return cert.IfMatch{Given: true, Any: true}
	}
	s = strings.TrimPrefix(s, "W/")
	v, err := strconv.Atoi(strings.Trim(s, `"`))
	if err != nil || !strings.HasPrefix(s, `"`) || !strings.HasSuffix(s, `"`) || len(s) < 3 {
		return cert.IfMatch{Given: true, Version: -1}
	}
	return cert.IfMatch{Given: true, Version: v}
}
