package database

import (
	"context"
	"slices"
	"testing"

	"github.com/skop-dev/skop/internal/testdb"
)

func TestSQLitePathAndDialect(t *testing.T) {
	t.Parallel()
	for dsn, want := range map[string]string{
		"./skop.db": "./skop.db", "sqlite:/var/lib/skop.db": "/var/lib/skop.db", "sqlite:///tmp/x.db": "/tmp/x.db",
		"file:data/skop.db?_pragma=x": "data/skop.db", "  /abs/path.db  ": "/abs/path.db",
	} {
		if got, ok := SQLitePath(dsn); !ok || got != want {
			t.Errorf("SQLitePath(%q) = %q, %v; want %q", dsn, got, ok, want)
		}
	}
	for _, dsn := range []string{"postgres://u@h/db", "POSTGRESQL://h/db", "", "sqlite:"} {
		if got, ok := SQLitePath(dsn); ok {
			t.Errorf("SQLitePath(%q) = %q, want none", dsn, got)
		}
	}
	if !IsPostgres("postgresql://h/db") || IsPostgres("./p.db") {
		t.Error("IsPostgres")
	}
}

func TestRebindDollar(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"SELECT 1": "SELECT 1",
		"SELECT * FROM t WHERE a = ? AND b IN (?, ?)": "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)",
		"UPDATE t SET x = ? WHERE id = ?":             "UPDATE t SET x = $1 WHERE id = $2",
	} {
		if got := rebindDollar(in); got != want {
			t.Errorf("rebindDollar(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMigrationFiles(t *testing.T) {
	t.Parallel()
	sq, err := loadMigrations(SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := loadMigrations(Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(sq) != len(pg) {
		t.Fatalf("%d SQLite steps, %d PostgreSQL steps: each step needs both dialects", len(sq), len(pg))
	}
	for i := range sq {
		if sq[i].version != pg[i].version || sq[i].name != pg[i].name {
			t.Errorf("step %d: SQLite %d %q, PostgreSQL %d %q", i+1, sq[i].version, sq[i].name, pg[i].version, pg[i].name)
		}
	}
}

// wantColumns is Skop's schema after every step, the same on both backends.
var wantColumns = map[string][]string{
	"skop_api_keys": {"created_at", "id", "key_hash", "key_prefix", "name", "revoked_at", "scopes"},
	"skop_jobs": {"agents_completed", "attempts", "cancelled_at", "completed_at", "created_at", "current_agent", "deadline_at",
		"documents_downloaded", "documents_found", "documents_matched", "errors", "id", "lease_expires_at", "lease_owner", "llm_tokens",
		"message", "owner_key_id", "pages_crawled", "pages_with_results", "params", "progress", "prompt", "river_job_id", "row_version",
		"started_at", "status", "warnings", "website"},
	"skop_documents":     {"confidence", "document_type", "extracted_at", "file_size_mb", "job_id", "name", "seq", "source_page", "url"},
	"skop_rate_windows":  {"key_id", "used", "window_start"},
	"skop_list_versions": {"owner_key_id", "version"},
}

// TestMigrate runs the migrations on a fresh database of this run's backend (the
// PostgreSQL pass runs it on PostgreSQL): the schema is the one both dialects
// must reach, and running them again changes nothing.
func TestMigrate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, testdb.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	columns := func(table string) []string {
		q := `SELECT name FROM pragma_table_info(?) ORDER BY name`
		if db.Dialect == Postgres {
			q = `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY column_name`
		}
		rows, err := db.Query(ctx, q, table)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		}
		return out
	}
	for table, want := range wantColumns {
		if got := columns(table); !slices.Equal(got, want) {
			t.Errorf("%s (%s) columns = %v, want %v", table, db.Dialect, got, want)
		}
	}
	var steps int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM skop_migrations`).Scan(&steps); err != nil {
		t.Fatal(err)
	}
	if err := Migrate(ctx, db); err != nil {
		t.Fatalf("second run: %v", err)
	}
	var again int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM skop_migrations`).Scan(&again); err != nil {
		t.Fatal(err)
	}
	want, _ := loadMigrations(db.Dialect)
	if steps != len(want) || again != steps {
		t.Errorf("steps recorded: %d, after a second run %d; want %d both times", steps, again, len(want))
	}
}
