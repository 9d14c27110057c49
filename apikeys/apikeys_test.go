package apikeys

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/internal/testdb"
)

func newStore(t *testing.T) *Store {
	t.Helper()
	db, err := database.Open(context.Background(), testdb.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := database.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return NewStore(db)
}

func TestKeys(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	secret, k, err := s.Create(ctx, "ci", []string{ScopeRead})
	if err != nil {
		t.Fatal(err)
	}
	if !WellFormed(secret) || !strings.HasPrefix(secret, "sk-") || len(secret) < 35 {
		t.Errorf("secret %q is not a well-formed key", secret)
	}
	got, err := s.Authenticate(ctx, secret)
	if err != nil || got.ID != k.ID || !got.Has(ScopeRead) || got.Has(ScopeCancel) {
		t.Fatalf("Authenticate = %+v, %v", got, err)
	}
	if _, _, err := s.Create(ctx, "ci", AllScopes); !errors.Is(err, ErrNameTaken) {
		t.Errorf("duplicate name: %v", err)
	}
	if _, _, err := s.Create(ctx, "x", []string{"scrape:everything"}); err == nil {
		t.Error("unknown scope accepted")
	}
	for _, bad := range []string{"", "sk-short", "pk-" + strings.Repeat("a", 40), "sk-" + strings.Repeat("a", 39) + "!", secret + "x"} {
		if _, err := s.Authenticate(ctx, bad); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("Authenticate(%q) = %v, want ErrInvalidKey", bad, err)
		}
	}
	if err := s.Revoke(ctx, "ci"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, secret); !errors.Is(err, ErrInvalidKey) {
		t.Errorf("revoked key still authenticates: %v", err)
	}
	if err := s.Revoke(ctx, "ci"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second revoke: %v", err)
	}
	// Only the hash is stored.
	var stored string
	if err := s.db.QueryRow(ctx, `SELECT key_hash FROM skop_api_keys WHERE name = 'ci'`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored == secret || strings.Contains(stored, secret[3:]) || len(stored) != 64 {
		t.Errorf("stored %q is not a SHA-256 hash of the key", stored)
	}
	if WellFormed("sk_"+strings.Repeat("Z9", 16)) != true {
		t.Error("sk_ keys must be accepted")
	}
}
