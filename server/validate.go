package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/internal/memo"
	"github.com/skop-dev/skop/internal/text"
)

// validateRequests checks every request against the spec with kin-openapi's
// openapi3filter before any handler runs: security first, then parameters, then
// the body, whose defaults it fills in. The route it finds is kept in the request
// state, so the response validator does not look it up again.
func validateRequests(router routers.Router, keys *apikeys.Store) echo.MiddlewareFunc {
	opts := &openapi3filter.Options{
		AuthenticationFunc: authenticate(keys),
		KeepValidatedValue: true,
		// With MultiError each failure stays a *RequestError that names its
		// parameter, which the message needs; firstFailure picks the one to show.
		MultiError: true,
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			route, params, err := router.FindRoute(r)
			if err != nil {
				var re *routers.RouteError
				switch {
				case errors.Is(err, routers.ErrMethodNotAllowed):
					return echo.NewHTTPError(http.StatusMethodNotAllowed)
				case errors.As(err, &re):
					return echo.NewHTTPError(http.StatusNotFound, re.Reason)
				default:
					return &echo.HTTPError{Code: http.StatusInternalServerError, Message: "Internal server error", Internal: err}
				}
			}
			// gorillamux keeps path parameters percent-encoded; openapi3filter
			// expects them decoded.
			for k, v := range params {
				if u, err := url.PathUnescape(v); err == nil {
					params[k] = u
				}
			}
			// The public contract leaves job_id's length open; no id this server
			// makes is longer than 24 characters, and none may be longer than 64.
			if id, ok := params["job_id"]; ok && len(id) > maxJobIDLength {
				return invalid("job_id", fmt.Sprintf("must be at most %d characters", maxJobIDLength))
			}
			st := stateOf(r.Context())
			st.route, st.params = route, params
			err = openapi3filter.ValidateRequest(r.Context(), &openapi3filter.RequestValidationInput{
				Request: r, PathParams: params, Route: route, Options: opts,
			})
			if err == nil {
				return next(c)
			}
			var me openapi3.MultiError
			if errors.As(err, &me) {
				return firstFailure(me)
			}
			return &echo.HTTPError{Code: http.StatusBadRequest, Message: "Invalid request", Internal: err}
		}
	}
}

// maxJobIDLength bounds the job ids the server looks up.
const maxJobIDLength = 64

// firstFailure chooses the error a client sees when a request breaks several rules:
// an authentication failure first (a caller without a valid key learns nothing
// about the request), then the first parameter or body error.
func firstFailure(me openapi3.MultiError) *echo.HTTPError {
	for _, err := range me {
		var sre *openapi3filter.SecurityRequirementsError
		if errors.As(err, &sre) {
			for _, e := range sre.Errors {
				var he *echo.HTTPError
				if errors.As(e, &he) {
					return he
				}
			}
			return &echo.HTTPError{Code: http.StatusUnauthorized, Internal: sre}
		}
	}
	for _, err := range me {
		var re *openapi3filter.RequestError
		if errors.As(err, &re) {
			return &echo.HTTPError{Code: http.StatusBadRequest, Internal: re}
		}
	}
	return &echo.HTTPError{Code: http.StatusBadRequest, Message: "Invalid request", Internal: me}
}

// bufferedWriter holds a response until it has been validated.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

// bufferedWriters are reused across requests: a response is buffered whole, and
// growing a new buffer for each one was a good part of what a request allocated.
var bufferedWriters = sync.Pool{New: func() any { return new(bufferedWriter) }}

// release returns w to the pool, unless it grew too big to keep.
func (w *bufferedWriter) release() {
	if w.body.Cap() > 64<<10 {
		return
	}
	w.header, w.status = nil, 0
	w.body.Reset()
	bufferedWriters.Put(w)
}

func (w *bufferedWriter) Header() http.Header { return w.header }
func (w *bufferedWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}
func (w *bufferedWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(b)
}

// transportStatuses can answer any request, before an operation is known (unknown
// route, wrong method, oversized body); such answers are checked against the
// ErrorResponse schema when the operation does not declare them.
var transportStatuses = map[int]bool{
	http.StatusNotFound:              true,
	http.StatusMethodNotAllowed:      true,
	http.StatusRequestEntityTooLarge: true,
}

// validateResponses checks every response, error responses included, against the
// spec before it leaves. kin-openapi has a response validator but no Echo
// middleware for it; this is that middleware. A response that breaks the spec is
// logged and replaced by a 500 ErrorResponse: a client never sees a body the
// contract does not promise.
func validateResponses(router routers.Router, doc *openapi3.T, log *slog.Logger) echo.MiddlewareFunc {
	errorSchema := doc.Components.Schemas["ErrorResponse"].Value
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			resp := c.Response()
			orig := resp.Writer
			buf := bufferedWriters.Get().(*bufferedWriter)
			defer buf.release()
			buf.header = orig.Header()
			resp.Writer = buf
			if err := next(c); err != nil {
				c.Error(err)
			}
			resp.Writer = orig
			status := buf.status
			if status == 0 {
				status = resp.Status
			}
			body := buf.body.Bytes()
			if verr := checkResponse(c.Request(), status, orig.Header(), body, router, errorSchema); verr != nil {
				log.Error("response does not match openapi.yaml", "request_id", requestIDFrom(c.Request().Context()),
					"method", c.Request().Method, "path", c.Request().URL.Path, "status", status, "error", clip(verr.Error(), 2000))
				status = http.StatusInternalServerError
				eb := errorBody(c, status, "Internal server error: the response did not match the API contract", nil)
				body, _ = json.Marshal(eb)
				h := orig.Header()
				for k := range h {
					if k != echo.HeaderXRequestID {
						h.Del(k)
					}
				}
				h.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
				resp.Status = status
			}
			orig.WriteHeader(status)
			_, err := orig.Write(body)
			return err
		}
	}
}

// checkResponse validates one response. HEAD answers carry no body and are not
// checked.
func checkResponse(r *http.Request, status int, header http.Header, body []byte, router routers.Router, errorSchema *openapi3.Schema) (err error) {
	if r.Method == http.MethodHead {
		return nil
	}
	route, params := stateOf(r.Context()).route, stateOf(r.Context()).params
	if route == nil {
		route, params, err = router.FindRoute(r)
	}
	if err == nil {
		if op := route.Operation; op.Responses.Status(status) != nil || !transportStatuses[status] {
			// A response identical, byte for byte, to one already found valid for
			// the same operation and status is valid: validation is a pure
			// function of these, and polled reads repeat themselves.
			key := verdictKey(r.Method, route.Path, status, header, body)
			if useVerdicts {
				if _, ok := validVerdicts.Get(key); ok {
					return nil
				}
			}
			defer func() {
				if err == nil {
					validVerdicts.Put(key, struct{}{})
				}
			}()
			return validateResponse(r, route, params, status, header, body)
		}
	}
	// No operation (unknown path or method), or a transport-level error the
	// operation does not list: the body must still be an ErrorResponse.
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return err
	}
	return errorSchema.VisitJSON(v, openapi3.EnableJSONSchema2020())
}

// validateResponse validates one response of a known operation. kin-openapi
// checks the status and the headers; a JSON body whose schema compiles into a
// bodyChecker is checked by it, any other body by kin-openapi as well.
func validateResponse(r *http.Request, route *routers.Route, params map[string]string, status int, header http.Header, body []byte) error {
	input := func(opts *openapi3filter.Options) *openapi3filter.ResponseValidationInput {
		return &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{
				Request:    r,
				PathParams: params,
				Route:      route,
				Options:    &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
			},
			Status:  status,
			Header:  header,
			Body:    io.NopCloser(bytes.NewReader(body)),
			Options: opts,
		}
	}
	full := func() error {
		return openapi3filter.ValidateResponse(context.Background(), input(&openapi3filter.Options{IncludeResponseStatus: true}))
	}
	checker := bodyCheckerFor(route, status, header)
	if checker == nil || !useBodyCheckers {
		return full()
	}
	if err := openapi3filter.ValidateResponse(context.Background(), input(&openapi3filter.Options{IncludeResponseStatus: true, ExcludeResponseBody: true})); err != nil {
		return err
	}
	if err := checker.checkJSON(body); err != nil {
		return &openapi3filter.ResponseError{Reason: "response body doesn't match schema", Err: err}
	}
	return nil
}

// useBodyCheckers turns the compiled body checkers on; the validation benchmarks
// turn it off to measure kin-openapi's own body validation beside them.
var useBodyCheckers = true

// bodyCheckerFor returns the compiled checker for the body of this response, or
// nil when kin-openapi must validate it: no declared JSON body for the status and
// content type, or a schema the checker does not implement.
func bodyCheckerFor(route *routers.Route, status int, header http.Header) *bodyChecker {
	switch status {
	case http.StatusNotModified, http.StatusPermanentRedirect, http.StatusTemporaryRedirect, http.StatusMovedPermanently:
		return nil
	}
	resp := route.Operation.Responses.Status(status)
	if resp == nil {
		resp = route.Operation.Responses.Default()
	}
	if resp == nil || resp.Value == nil {
		return nil
	}
	ct := header.Get(echo.HeaderContentType)
	mt := resp.Value.Content.Get(ct)
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil || !isJSON(ct) {
		return nil
	}
	c, err := checkerFor(mt.Schema.Value)
	if err != nil {
		return nil
	}
	return c
}

// isJSON reports whether a Content-Type is JSON, as kin-openapi's body decoders
// read it.
func isJSON(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// validVerdicts remembers responses found valid, by a keyed hash of everything
// their validation reads: method, operation path, status, the headers the spec
// declares (Content-Type, WWW-Authenticate) and the body. The seed is random per
// process, so nobody can craft a body that collides with a valid one.
var (
	validVerdicts = memo.New[uint64, struct{}](maxVerdicts)
	verdictSeed   = maphash.MakeSeed()
)

const maxVerdicts = 8192

// useVerdicts turns the memo on; the validation benchmarks turn it off to measure
// the validator itself.
var useVerdicts = true

func verdictKey(method, path string, status int, header http.Header, body []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(verdictSeed)
	_, _ = h.WriteString(method)
	_ = h.WriteByte(0)
	_, _ = h.WriteString(path)
	_ = h.WriteByte(0)
	_ = h.WriteByte(byte(status >> 8))
	_ = h.WriteByte(byte(status))
	_ = h.WriteByte(0)
	_, _ = h.WriteString(header.Get(echo.HeaderContentType))
	_ = h.WriteByte(0)
	_, _ = h.WriteString(header.Get(echo.HeaderWWWAuthenticate))
	_ = h.WriteByte(0)
	_, _ = h.Write(body)
	return h.Sum64()
}

// clip shortens s for a log line; kin-openapi's messages quote whole schemas and
// values.
func clip(s string, n int) string { return text.ClipMark(s, n) }
