package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/jobs"
	"github.com/skop-dev/skop/server"
)

// BenchmarkServe is one request through the whole Echo stack (request ID,
// access log, response and request validation, authentication, rate limit,
// handler) on a real SQLite database, without the network: what the server
// itself spends per request, and allocates. Run:
//
//	go test ./server -run '^$' -bench Serve -benchmem
func BenchmarkServe(b *testing.B) {
	ctx := context.Background()
	db, err := database.Open(ctx, filepath.Join(b.TempDir(), "skop.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := database.Migrate(ctx, db); err != nil {
		b.Fatal(err)
	}
	keys := apikeys.NewStore(db)
	secret, key, err := keys.Create(ctx, "bench", apikeys.AllScopes)
	if err != nil {
		b.Fatal(err)
	}
	svc, err := jobs.NewService(db, jobs.Config{Workers: 0, MaxActivePerKey: 1000, Logger: quietLogger(),
		Discovery: discovery.Config{AllowPrivateNetworks: true}})
	if err != nil {
		b.Fatal(err)
	}
	e, err := server.New(svc, keys, server.Config{ValidateResponses: true, Logger: quietLogger(), RateLimit: apikeys.NewLimiter(db, 1_000_000_000)})
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for range 20 {
		j, err := svc.Create(ctx, key.ID, jobs.CreateRequest{Website: "https://example.com/", Prompt: "council minutes 2025", Params: jobs.DefaultParams()})
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, j.ID)
	}
	for _, tc := range []struct{ name, method, path string }{
		{"health", http.MethodGet, "/health/"},
		{"status-pending", http.MethodGet, "/scrape/status/" + ids[0]},
		{"list-20", http.MethodGet, "/scrape/?limit=20"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(tc.method, tc.path, nil)
				req.Header.Set("Authorization", "Bearer "+secret)
				rec := httptest.NewRecorder()
				e.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", tc.path, rec.Code, rec.Body)
				}
			}
		})
	}
}
