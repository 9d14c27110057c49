// Package testdb gives each test a fresh, empty database on the backend the test
// run is for: a SQLite file in a temp dir by default, or, with
// SKOP_TEST_BACKEND=postgres, a new database on the PostgreSQL server named by
// SKOP_TEST_POSTGRES_URL, dropped when the test ends. The same tests run on both.
package testdb

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Postgres reports whether this test run is for PostgreSQL.
func Postgres() bool { return os.Getenv("SKOP_TEST_BACKEND") == "postgres" }

// AdminURL returns SKOP_TEST_POSTGRES_URL. Without it, a PostgreSQL test fails in
// CI and is skipped, saying so, elsewhere.
func AdminURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("SKOP_TEST_POSTGRES_URL")
	if u == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("SKOP_TEST_POSTGRES_URL is not set: CI must run the PostgreSQL tests (.ci/run starts a server)")
		}
		t.Skip("skipping the PostgreSQL run: SKOP_TEST_POSTGRES_URL is not set (.ci/run starts a throw-away server and sets it)")
	}
	return u
}

// DSN returns the location of a fresh database for t: a SQLite file, or a new
// PostgreSQL database.
func DSN(t testing.TB) string {
	t.Helper()
	if !Postgres() {
		return filepath.Join(t.TempDir(), "skop.db")
	}
	return NewPostgres(t)
}

// NewPostgres creates a new, empty PostgreSQL database for t and returns its URL.
func NewPostgres(t testing.TB) string {
	t.Helper()
	admin := AdminURL(t)
	name := "skop_test_" + strings.ToLower(rand.Text()[:12])
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connect to %s: %v", redact(admin), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "the PostgreSQL URL"
	}
	return u.Redacted()
}

// Describe names the backend for test logs.
func Describe() string {
	if Postgres() {
		return fmt.Sprintf("postgres (%s)", redact(os.Getenv("SKOP_TEST_POSTGRES_URL")))
	}
	return "sqlite"
}
