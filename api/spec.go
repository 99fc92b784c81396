// Package api holds kitacert's REST contract (openapi.yaml) and the Go code that
// oapi-codegen generates from it (api.gen.go, by `make generate`; never edit by hand).
package api

import _ "embed"

// Spec is the OpenAPI document, served at /api/openapi.yaml and used to validate requests.
//
//go:embed openapi.yaml
var Spec []byte

//go:generate go tool oapi-codegen -config oapi-codegen.yaml openapi.yaml
