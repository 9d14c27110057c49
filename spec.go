// Package skop holds the API contract, openapi.yaml, for the packages that serve it
// verbatim. The server side generated from it lives in gen/, the client in client/.
package skop

import _ "embed"

// OpenAPI is openapi.yaml as it was when the binary was built.
//
//go:embed openapi.yaml
var OpenAPI []byte
