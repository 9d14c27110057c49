package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/labstack/echo/v4"

	"github.com/skop-dev/skop/gen"
	"github.com/skop-dev/skop/internal/ids"
	"github.com/skop-dev/skop/internal/text"
)

func newRequestID() string { return ids.Request() }

// apiError is an error that already knows its ErrorResponse.
type apiError struct {
	status  int
	message string
	details *gen.ErrorDetails
}

func (e *apiError) Error() string { return e.message }

func newAPIError(status int, message string) *apiError {
	return &apiError{status: status, message: message}
}

// retryAfterSeconds is the Retry-After of a 429: how long before a key that hit
// its active-jobs limit may find a slot free. Jobs run for seconds to minutes; a
// client polling every few seconds neither hammers the server nor waits long.
const retryAfterSeconds = 5

// errorBody builds the ErrorResponse every error answer carries.
func errorBody(c echo.Context, status int, message string, details *gen.ErrorDetails) gen.ErrorResponse {
	return gen.ErrorResponse{
		Error:      true,
		Message:    message,
		StatusCode: status,
		Path:       c.Request().URL.Path,
		Timestamp:  time.Now().UTC().Truncate(time.Second),
		Details:    details,
	}
}

// errorHandler is Echo's HTTPErrorHandler: every error — from the validator, the
// authenticator, Echo's router (404, 405), the body limit, a handler or a panic —
// leaves as an ErrorResponse with the matching status.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status, message, details := describe(err)
		if status >= 500 {
			log.Error("request failed", "request_id", requestIDFrom(c.Request().Context()), "path", c.Request().URL.Path, "error", err)
		}
		if status == http.StatusMethodNotAllowed {
			if allow, ok := c.Get(echo.ContextKeyHeaderAllow).(string); ok && allow != "" {
				c.Response().Header().Set(echo.HeaderAllow, allow)
			}
		}
		if status == http.StatusUnauthorized {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="skop"`)
		}
		if status == http.StatusTooManyRequests && c.Response().Header().Get(echo.HeaderRetryAfter) == "" {
			c.Response().Header().Set(echo.HeaderRetryAfter, strconv.Itoa(retryAfterSeconds))
		}
		body := errorBody(c, status, message, details)
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(status)
			return
		}
		if werr := c.JSON(status, body); werr != nil {
			log.Error("write error response", "error", werr)
		}
	}
}

// describe maps an error to a status, a message for a person and, for validation
// failures, the field and the rule it broke.
func describe(err error) (int, string, *gen.ErrorDetails) {
	var (
		ae     *apiError
		he     *echo.HTTPError
		tooBig *http.MaxBytesError
	)
	switch {
	case errors.As(err, &ae):
		return ae.status, ae.message, ae.details
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("Request body is larger than %d bytes", tooBig.Limit), nil
	case errors.As(err, &he):
		return describeHTTPError(he)
	default:
		return http.StatusInternalServerError, "Internal server error", nil
	}
}

func describeHTTPError(he *echo.HTTPError) (int, string, *gen.ErrorDetails) {
	var (
		sre    *openapi3filter.SecurityRequirementsError
		re     *openapi3filter.RequestError
		tooBig *http.MaxBytesError
		ae     *apiError
	)
	internal := he.Internal
	switch {
	case internal != nil && errors.As(internal, &ae):
		return ae.status, ae.message, ae.details
	case internal != nil && errors.As(internal, &tooBig):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("Request body is larger than %d bytes", tooBig.Limit), nil
	case internal != nil && errors.As(internal, &sre):
		// No scheme produced an *echo.HTTPError: no credential was sent at all.
		return http.StatusUnauthorized, "Missing API key: send Authorization: Bearer <key> or X-API-Key: <key>", nil
	case internal != nil && errors.As(internal, &re):
		msg, details := describeRequestError(re)
		return http.StatusBadRequest, msg, details
	}
	switch he.Code {
	case http.StatusNotFound:
		return he.Code, "Not found: no such endpoint", nil
	case http.StatusMethodNotAllowed:
		return he.Code, "Method not allowed for this endpoint", nil
	case http.StatusRequestEntityTooLarge:
		return he.Code, fmt.Sprintf("Request body is larger than %d bytes", MaxBodyBytes), nil
	}
	msg := http.StatusText(he.Code)
	if s, ok := he.Message.(string); ok && s != "" {
		msg = s
	}
	if he.Code >= 500 {
		msg = "Internal server error"
	}
	if he.Code == http.StatusBadRequest && he.Internal != nil {
		var se *json.SyntaxError
		var ute *json.UnmarshalTypeError
		switch {
		case errors.As(he.Internal, &se):
			msg = "Request body is not valid JSON"
		case errors.As(he.Internal, &ute):
			msg = fmt.Sprintf("%s: must be %s", ute.Field, ute.Type)
		}
	}
	return he.Code, msg, nil
}

// describeRequestError turns kin-openapi's request error into a sentence such as
// `job_id "JOB-1" does not match ^job_[a-z0-9]+$`. It reads the error's types and
// fields (RequestError.Parameter and .RequestBody, SchemaError.SchemaField,
// ParseError.Kind, the ErrInvalidRequired and ErrInvalidEmptyValue causes), never
// its message text; errors_test.go pins each mapping to kin-openapi's behaviour.
func describeRequestError(re *openapi3filter.RequestError) (string, *gen.ErrorDetails) {
	var se *openapi3.SchemaError
	var pe *openapi3filter.ParseError
	switch {
	case re.Parameter != nil:
		name := re.Parameter.Name
		switch {
		case errors.As(re.Err, &se):
			reason := schemaReason(se)
			return fmt.Sprintf("%s %s %s", name, quoteValue(se.Value), reason), &gen.ErrorDetails{Field: name, Reason: reason}
		case errors.As(re.Err, &pe):
			reason := "is not valid: " + pe.Reason
			if pe.Kind == openapi3filter.KindInvalidFormat {
				reason = "has the wrong type"
			}
			return name + " " + reason, &gen.ErrorDetails{Field: name, Reason: reason}
		case errors.Is(re.Err, openapi3filter.ErrInvalidRequired), errors.Is(re.Err, openapi3filter.ErrInvalidEmptyValue):
			return name + " is required", &gen.ErrorDetails{Field: name, Reason: "is required"}
		}
		return fmt.Sprintf("%s is not valid", name), &gen.ErrorDetails{Field: name, Reason: "is not valid"}
	case re.RequestBody != nil:
		switch {
		case errors.As(re.Err, &se):
			field := bodyField(se)
			reason := schemaReason(se)
			if field == "" {
				return "Request body " + reason, &gen.ErrorDetails{Field: "body", Reason: reason}
			}
			return fmt.Sprintf("%s: %s", field, reason), &gen.ErrorDetails{Field: field, Reason: reason}
		case errors.Is(re.Err, openapi3filter.ErrInvalidRequired):
			return "Request body is required", &gen.ErrorDetails{Field: "body", Reason: "is required"}
		case re.Err != nil:
			// Read in full (limitBody's 413 is handled before), so the body could
			// not be decoded.
			return "Request body is not valid JSON", &gen.ErrorDetails{Field: "body", Reason: "is not valid JSON"}
		default:
			// The one body error without a cause: a Content-Type the operation
			// does not accept.
			return "Request body must be JSON (Content-Type: application/json)", &gen.ErrorDetails{Field: "body", Reason: "must be application/json"}
		}
	}
	return "Invalid request", nil
}

// bodyField is the dotted path of the failing member of the body, e.g.
// `parameters.timeout`. A missing required member is named too.
func bodyField(se *openapi3.SchemaError) string {
	path := se.JSONPointer()
	if se.SchemaField == "required" {
		if name := missingProperty(se); name != "" && (len(path) == 0 || path[len(path)-1] != name) {
			path = append(path, name)
		}
	}
	if se.SchemaField == "additionalProperties" || se.SchemaField == "properties" || se.SchemaField == "unevaluatedProperties" {
		if name := extraProperty(se); name != "" {
			path = append(path, name)
		}
	}
	return strings.Join(path, ".")
}

// missingProperty finds the required member that is absent from the failing object.
func missingProperty(se *openapi3.SchemaError) string {
	obj, ok := se.Value.(map[string]any)
	if !ok || se.Schema == nil {
		return ""
	}
	for _, name := range se.Schema.Required {
		if _, ok := obj[name]; !ok {
			return name
		}
	}
	return ""
}

// extraProperty finds a member of the failing object that its schema does not know.
func extraProperty(se *openapi3.SchemaError) string {
	obj, ok := se.Value.(map[string]any)
	if !ok || se.Schema == nil {
		return ""
	}
	var extra []string
	for name := range obj {
		if _, ok := se.Schema.Properties[name]; !ok {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	if len(extra) == 0 {
		return ""
	}
	return extra[0]
}

// schemaReason says which rule the value broke, in words.
func schemaReason(se *openapi3.SchemaError) string {
	s := se.Schema
	if s == nil {
		return "is not valid"
	}
	switch se.SchemaField {
	case "pattern":
		return "does not match " + s.Pattern
	case "minLength":
		return fmt.Sprintf("must be at least %d characters", s.MinLength)
	case "maxLength":
		if s.MaxLength != nil {
			return fmt.Sprintf("must be at most %d characters", *s.MaxLength)
		}
	case "minimum", "exclusiveMinimum":
		if s.Min != nil {
			return fmt.Sprintf("must be at least %s", trimFloat(*s.Min))
		}
	case "maximum", "exclusiveMaximum":
		if s.Max != nil {
			return fmt.Sprintf("must be at most %s", trimFloat(*s.Max))
		}
	case "enum", "const":
		var vals []string
		for _, v := range s.Enum {
			vals = append(vals, fmt.Sprint(v))
		}
		if s.Const != nil {
			vals = append(vals, fmt.Sprint(s.Const))
		}
		return "must be one of: " + strings.Join(vals, ", ")
	case "type":
		if s.Type != nil && len(s.Type.Slice()) > 0 {
			t := s.Type.Slice()[0]
			article := "a"
			if t == "integer" || t == "object" || t == "array" {
				article = "an"
			}
			return fmt.Sprintf("must be %s %s", article, t)
		}
	case "format":
		return "must be a valid " + s.Format
	case "required":
		return "is required"
	case "additionalProperties", "properties", "unevaluatedProperties":
		return "is not a known field"
	}
	return "is not valid"
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%f", f), "0"), ".")
}

// quoteValue renders a parameter value for a message, quoting strings.
func quoteValue(v any) string {
	switch v := v.(type) {
	case string:
		v = text.ClipMark(v, 80)
		return fmt.Sprintf("%q", v)
	case nil:
		return "(empty)"
	default:
		return fmt.Sprint(v)
	}
}
