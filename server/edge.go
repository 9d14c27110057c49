package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/gen"
)

// This file is the edge: what happens to a request before the validator sees it,
// and to the answers Go's HTTP server writes on its own.

// MaxHeaderBytes bounds a request's headers; more is a 431 ErrorResponse.
const MaxHeaderBytes = 64 << 10

// Timeouts bound how long a client may take at each step of a request.
type Timeouts struct {
	ReadHeader time.Duration // request line and headers
	Read       time.Duration // the whole request, body included
	Write      time.Duration // the response
	Idle       time.Duration // between requests on a keep-alive connection
}

// DefaultTimeouts are what `skop-server serve` starts with.
func DefaultTimeouts() Timeouts {
	return Timeouts{ReadHeader: 5 * time.Second, Read: 10 * time.Second, Write: 30 * time.Second, Idle: 2 * time.Minute}
}

// HTTPServer is the http.Server that serves handler: the timeouts, the header
// limit, and net/http's log in the structured log. Serve it on
// ErrorResponseListener(ln).
func HTTPServer(handler http.Handler, t Timeouts, l *slog.Logger) *http.Server {
	return &http.Server{Handler: handler, ReadHeaderTimeout: t.ReadHeader, ReadTimeout: t.Read, WriteTimeout: t.Write,
		IdleTimeout: t.Idle, MaxHeaderBytes: MaxHeaderBytes, ErrorLog: HTTPErrorLog(l)}
}

// HTTPErrorLog routes net/http's own log lines (TLS, accept and write errors) into
// the structured log.
func HTTPErrorLog(l *slog.Logger) *log.Logger {
	return slog.NewLogLogger(l.With("component", "http").Handler(), slog.LevelWarn)
}

// authenticateEarly decides a request's credential from its headers alone, before
// any of its body is read, for every operation under /scrape: a caller without a
// valid key gets its 401 at once, and a slow body cannot hold the connection for an
// unauthenticated caller. A key that passes is remembered, so the validator's
// authenticator does not look it up again; the validator still checks the scope.
func authenticateEarly(keys *apikeys.Store) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if !strings.HasPrefix(r.URL.Path, "/scrape") || r.Method == http.MethodOptions {
				return next(c)
			}
			secret, problem := credential(r)
			if problem == "" && secret != "" {
				key, err := keys.Authenticate(r.Context(), secret)
				switch {
				case errors.Is(err, apikeys.ErrInvalidKey):
					problem = "Invalid API key"
				case err != nil:
					return &echo.HTTPError{Code: http.StatusInternalServerError, Message: "Internal server error", Internal: err}
				default:
					st := stateOf(r.Context())
					st.key, st.secret = key, secret
					return next(c)
				}
			}
			if problem == "" {
				problem = "Missing API key: send Authorization: Bearer <key> or X-API-Key: <key>"
			}
			if r.ContentLength != 0 {
				// The body is not read: the connection cannot carry another request.
				c.Response().Header().Set(echo.HeaderConnection, "close")
			}
			return newAPIError(http.StatusUnauthorized, problem)
		}
	}
}

// rateLimit takes each authenticated request from its key's per-minute allowance
// and says where the key stands in X-RateLimit-Limit, -Remaining and -Reset; over
// the limit it answers 429 with Retry-After.
func rateLimit(l *apikeys.Limiter) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		if l == nil || l.Limit() <= 0 {
			return next
		}
		return func(c echo.Context) error {
			st := stateOf(c.Request().Context())
			if st.key == nil {
				return next(c)
			}
			a, err := l.Allow(c.Request().Context(), st.key.ID)
			if err != nil {
				return fmt.Errorf("rate limit: %w", err)
			}
			reset := int((a.Reset + time.Second - 1) / time.Second)
			h := c.Response().Header()
			h.Set("X-RateLimit-Limit", strconv.Itoa(a.Limit))
			h.Set("X-RateLimit-Remaining", strconv.Itoa(a.Remaining))
			h.Set("X-RateLimit-Reset", strconv.Itoa(reset))
			if !a.OK {
				h.Set(echo.HeaderRetryAfter, strconv.Itoa(max(reset, 1)))
				return &apiError{status: http.StatusTooManyRequests,
					message: fmt.Sprintf("Rate limit exceeded: this API key may send %d requests per minute; retry in %d seconds", a.Limit, max(reset, 1))}
			}
			return next(c)
		}
	}
}

// credential reads the key a request carries: Authorization: Bearer first, then
// X-API-Key. problem is set when a header is present but malformed.
func credential(r *http.Request) (secret, problem string) {
	if h := r.Header.Get(echo.HeaderAuthorization); h != "" {
		scheme, token, ok := strings.Cut(strings.TrimSpace(h), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return "", "Invalid Authorization header: use Authorization: Bearer <key>"
		}
		return strings.TrimSpace(token), ""
	}
	return strings.TrimSpace(r.Header.Get("X-API-Key")), ""
}

// strictJSON holds JSON request bodies to one value: nothing may follow it, and no
// object may name a key twice (encoding/json would silently keep the last, and a
// decoder reading a stream the first value). Such a body is a 400 before
// validation. The body is read within the limit limitBody set, then handed on.
func strictJSON(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Body == nil || r.Body == http.NoBody || !strings.HasPrefix(strings.ToLower(r.Header.Get(echo.HeaderContentType)), "application/json") {
			return next(c)
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return err // a MaxBytesError becomes a 413
		}
		if err := checkJSON(body); err != nil {
			return &apiError{status: http.StatusBadRequest, message: "Request body is not valid JSON: " + err.Error(),
				details: &gen.ErrorDetails{Field: "body", Reason: err.Error()}}
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		return next(c)
	}
}

// checkJSON reports why data is not exactly one JSON value without duplicate keys.
func checkJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := walkJSON(dec, 0); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// maxJSONDepth bounds nesting, so a hostile body cannot recurse deeply.
const maxJSONDepth = 64

func walkJSON(dec *json.Decoder, depth int) error {
	if depth > maxJSONDepth {
		return fmt.Errorf("nested deeper than %d levels", maxJSONDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return errors.New("empty body")
		}
		return err
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return err
			}
			k, _ := kt.(string)
			if seen[k] {
				return fmt.Errorf("duplicate key %q", k)
			}
			seen[k] = true
			if err := walkJSON(dec, depth+1); err != nil {
				return err
			}
		}
		_, err = dec.Token() // '}'
		return err
	case json.Delim('['):
		for dec.More() {
			if err := walkJSON(dec, depth+1); err != nil {
				return err
			}
		}
		_, err = dec.Token() // ']'
		return err
	}
	return nil
}

// ErrorResponseListener wraps ln so that the answers Go's HTTP server writes on its
// own, before any handler runs — 400 for a malformed request line, header or
// Content-Length, 431 for headers over MaxHeaderBytes, 505 for an unsupported
// version — leave as ErrorResponse JSON like every other error, instead of Go's
// plain text. net/http offers no hook for these; they are recognised on the
// connection by their exact form: a 4xx/5xx status line, Go's fixed
// `Content-Type: text/plain; charset=utf-8` and `Connection: close` headers, and no
// Date header (every handler response carries one). What cannot be rewritten: a
// request so broken that Go closes the connection without answering (a TLS
// handshake on the plain port is answered by Go with its own 400 to the TLS
// client, which cannot read it anyway).
func ErrorResponseListener(ln net.Listener) net.Listener { return &errorListener{ln} }

type errorListener struct{ net.Listener }

func (l *errorListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &errorConn{Conn: c}, nil
}

type errorConn struct {
	net.Conn
}

var goErrorHeaders = []byte("\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n")

func (c *errorConn) Write(p []byte) (int, error) {
	if out, ok := rewriteGoError(p); ok {
		if _, err := c.Conn.Write(out); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// rewriteGoError turns one of net/http's own plain-text error answers into an
// ErrorResponse answer; ok is false for anything else.
func rewriteGoError(p []byte) ([]byte, bool) {
	if !bytes.HasPrefix(p, []byte("HTTP/1.1 4")) && !bytes.HasPrefix(p, []byte("HTTP/1.1 5")) {
		return nil, false
	}
	head, rest, ok := bytes.Cut(p, goErrorHeaders)
	if !ok || bytes.Contains(head, []byte("\r\n")) {
		return nil, false // not the status line followed directly by Go's two headers
	}
	status, err := strconv.Atoi(string(head[len("HTTP/1.1 "):min(len(head), len("HTTP/1.1 000"))]))
	if err != nil {
		return nil, false
	}
	message := strings.TrimSpace(string(rest))
	if _, text, ok := strings.Cut(message, " "); ok && strings.HasPrefix(message, strconv.Itoa(status)) {
		message = text // "400 Bad Request: malformed Host header" → "Bad Request: …"
	}
	body, _ := json.Marshal(gen.ErrorResponse{
		Error: true, Message: "The request could not be read: " + message, StatusCode: status,
		Path: "", Timestamp: time.Now().UTC().Truncate(time.Second),
	})
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", head, len(body))
	b.Write(body)
	return b.Bytes(), true
}
