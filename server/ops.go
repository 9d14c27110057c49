package server

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"riverqueue.com/riverui"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/gen"
	"github.com/skop-dev/skop/jobs"
)

// OpsHandler is River UI, mounted at /ops/ for operators: the queue behind the
// jobs, read-only (only GET and HEAD pass; River UI's cancel, retry and delete
// buttons answer 405), and only for keys with the ops:read scope. A browser can
// sign in with HTTP Basic auth, the key as the password. It starts River UI's
// background work, which ends with ctx.
func OpsHandler(ctx context.Context, svc *jobs.Service, keys *apikeys.Store, log *slog.Logger) (http.Handler, error) {
	h, err := riverui.NewHandler(&riverui.HandlerOpts{Endpoints: svc.RiverUIEndpoints(), Logger: log, Prefix: "/ops"})
	if err != nil {
		return nil, err
	}
	if err := h.Start(ctx); err != nil {
		return nil, err
	}
	return opsGuard(keys, h), nil
}

func opsGuard(keys *apikeys.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, r, http.StatusMethodNotAllowed, "The operators' view is read-only")
			return
		}
		secret := opsCredential(r)
		if secret == "" {
			w.Header().Set("WWW-Authenticate", `Basic realm="skop ops"`)
			writeError(w, r, http.StatusUnauthorized, "Missing API key: sign in with a key that has the ops:read scope (as the Basic auth password, or Authorization: Bearer)")
			return
		}
		key, err := keys.Authenticate(r.Context(), secret)
		switch {
		case errors.Is(err, apikeys.ErrInvalidKey):
			w.Header().Set("WWW-Authenticate", `Basic realm="skop ops"`)
			writeError(w, r, http.StatusUnauthorized, "Invalid API key")
			return
		case err != nil:
			writeError(w, r, http.StatusInternalServerError, "Internal server error")
			return
		case !key.Has(apikeys.ScopeOps):
			writeError(w, r, http.StatusForbidden, "API key lacks the ops:read scope")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// opsCredential reads a key from Basic auth (the password), Bearer or X-API-Key.
func opsCredential(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if scheme, rest, ok := strings.Cut(strings.TrimSpace(h), " "); ok {
		switch strings.ToLower(scheme) {
		case "bearer":
			return strings.TrimSpace(rest)
		case "basic":
			b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(rest))
			if err != nil {
				return ""
			}
			_, pass, _ := strings.Cut(string(b), ":")
			return pass
		}
	}
	return strings.TrimSpace(r.Header.Get("X-API-Key"))
}

// writeError writes an ErrorResponse outside Echo.
func writeError(w http.ResponseWriter, r *http.Request, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(gen.ErrorResponse{Error: true, Message: message, StatusCode: status, Path: r.URL.Path,
		Timestamp: time.Now().UTC().Truncate(time.Second)})
}
