package httpapi

import "github.com/kitacert/kitacert/pkg/cert"

// errNotYet answers routes whose implementation is being written in this change.
var errNotYet = cert.Errorf(cert.EINTERNAL, "not implemented yet")
