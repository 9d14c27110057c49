// Package gen holds the server side generated from ../openapi.yaml by oapi-codegen:
// the request and response types, the Echo strict server interface and the embedded
// spec. Never edit skop.gen.go by hand: change openapi.yaml and run `make generate`.
package gen

//go:generate go tool oapi-codegen -config cfg.yaml ../openapi.yaml
