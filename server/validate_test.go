package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/skop-dev/skop/gen"
)

// bareEcho is an Echo with Skop's error handling and response validation but
// hand-made handlers, to show what the middleware does with a handler that breaks
// the contract.
func bareEcho(t *testing.T) *echo.Echo {
	t.Helper()
	doc, router, err := specRouter()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := echo.New()
	e.HTTPErrorHandler = errorHandler(log)
	e.Use(requestID, validateResponses(router, doc, log), recoverPanics(log))
	return e
}

func decodeError(t *testing.T, rec *httptest.ResponseRecorder) gen.ErrorResponse {
	t.Helper()
	var body gen.ErrorResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("body %q: %v", rec.Body.String(), err)
	}
	return body
}

func TestResponseViolationBecomes500(t *testing.T) {
	e := bareEcho(t)
	e.GET("/health/", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]any{"status": "splendid", "service": "skop"})
	})
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/health/", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500: %s", rec.Code, rec.Body)
	}
	if body := decodeError(t, rec); !body.Error || body.StatusCode != 500 || body.Path != "/health/" {
		t.Errorf("body = %+v", body)
	}
}

func TestUndeclaredStatusBecomes500(t *testing.T) {
	e := bareEcho(t)
	e.GET("/health/", func(c echo.Context) error {
		return c.JSON(http.StatusTeapot, errorBody(c, http.StatusTeapot, "teapot", nil))
	})
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/health/", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500 for a status the operation does not declare", rec.Code)
	}
}

func TestValidResponsePasses(t *testing.T) {
	e := bareEcho(t)
	e.GET("/", func(c echo.Context) error {
		return c.JSON(http.StatusOK, gen.RootResponse{Message: "m", Version: "v", Docs: "/openapi.yaml", Endpoints: map[string]string{}})
	})
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK || rec.Header().Get(echo.HeaderXRequestID) == "" {
		t.Fatalf("status %d, request id %q: %s", rec.Code, rec.Header().Get(echo.HeaderXRequestID), rec.Body)
	}
}

func TestPanicBecomes500(t *testing.T) {
	e := bareEcho(t)
	e.GET("/", func(c echo.Context) error { panic("boom") })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	if body := decodeError(t, rec); body.Message != "Internal server error" {
		t.Errorf("body = %+v", body)
	}
}
