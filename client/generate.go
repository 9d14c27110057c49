// Package client is the Go client for the Skop API, generated from ../openapi.yaml by
// oapi-codegen (client.gen.go, never edited by hand), plus small hand-written helpers
// for authentication (auth.go).
package client

//go:generate go tool oapi-codegen -config cfg.yaml ../openapi.yaml
