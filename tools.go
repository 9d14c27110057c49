//go:build tools

// Package tools pins the code generator's version in go.mod (it is also declared as a
// `tool`, so `go tool oapi-codegen` runs exactly this version).
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
