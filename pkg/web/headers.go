package web

import "net/http"

// ContentSecurityPolicy is the policy of every page: only this site's own files, no inline
// script or style, no framing. KERN's icons are data: SVGs in its stylesheet, hence
// img-src data:.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// setPageHeaders sets the security headers of a page (and of its error pages).
func setPageHeaders(h http.Header) {
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
}
