package server

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/labstack/echo/v4"

	"github.com/skop-dev/skop/apikeys"
)

// errNotSent means a security scheme's credential was not in the request. It is a
// plain error, not an *echo.HTTPError, so that with two accepted schemes the answer
// about the credential that was actually sent wins (echo-middleware returns the
// first *echo.HTTPError among the schemes' errors).
var errNotSent = errors.New("credential not sent")

// authenticate is the validator's AuthenticationFunc: it checks the credential of
// one security scheme and records the key for the handlers. A bad credential is a
// 401, a good key without a scope the operation's security requirement names in
// openapi.yaml (in.Scopes) a 403.
func authenticate(keys *apikeys.Store) openapi3filter.AuthenticationFunc {
	return func(ctx context.Context, in *openapi3filter.AuthenticationInput) error {
		r := in.RequestValidationInput.Request
		var secret string
		switch in.SecuritySchemeName {
		case "bearerAuth":
			h := r.Header.Get(echo.HeaderAuthorization)
			if h == "" {
				return errNotSent
			}
			scheme, token, ok := strings.Cut(strings.TrimSpace(h), " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") {
				return echo.NewHTTPError(http.StatusUnauthorized, "Invalid Authorization header: use Authorization: Bearer <key>")
			}
			secret = strings.TrimSpace(token)
		case "apiKeyAuth":
			secret = strings.TrimSpace(r.Header.Get("X-API-Key"))
			if secret == "" {
				return errNotSent
			}
		default:
			return errNotSent
		}
		st := stateOf(r.Context())
		key, err := st.key, error(nil)
		if key == nil || st.secret != secret {
			key, err = keys.Authenticate(r.Context(), secret)
		}
		if errors.Is(err, apikeys.ErrInvalidKey) {
			return echo.NewHTTPError(http.StatusUnauthorized, "Invalid API key")
		}
		if err != nil {
			return &echo.HTTPError{Code: http.StatusInternalServerError, Message: "Internal server error", Internal: err}
		}
		for _, scope := range in.Scopes {
			if !key.Has(scope) {
				return echo.NewHTTPError(http.StatusForbidden, "API key lacks the "+scope+" scope")
			}
		}
		st.key, st.secret = key, secret
		return nil
	}
}

// callerKey is the key that authenticated the request. The validator guarantees one
// for every operation that declares security.
func callerKey(ctx context.Context) *apikeys.Key { return stateOf(ctx).key }
