package client

import (
	"context"
	"net/http"
)

// WithAPIKey authenticates every request with key, sent as
// `Authorization: Bearer <key>`.
func WithAPIKey(key string) ClientOption {
	return WithRequestEditorFn(BearerAuth(key))
}

// WithAPIKeyHeader authenticates every request with key, sent as `X-API-Key: <key>`.
func WithAPIKeyHeader(key string) ClientOption {
	return WithRequestEditorFn(APIKeyHeader(key))
}

// BearerAuth is a RequestEditorFn that sends key as a bearer token; pass it to a
// single call to authenticate only that call.
func BearerAuth(key string) RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+key)
		return nil
	}
}

// APIKeyHeader is a RequestEditorFn that sends key in the X-API-Key header.
func APIKeyHeader(key string) RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("X-API-Key", key)
		return nil
	}
}
