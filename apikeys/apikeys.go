// Package apikeys stores Skop's API keys. A key is shown once, when it is made; the
// database keeps only its SHA-256 hash, so a stolen database file gives no usable key.
package apikeys

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/skop-dev/skop/database"
)

// Scopes a key can hold.
const (
	ScopeCreate = "scrape:create"
	ScopeRead   = "scrape:read"
	ScopeCancel = "scrape:cancel"
	// ScopeOps lets an operator read the job queue in River UI at /ops/. No key
	// gets it unless asked for.
	ScopeOps = "ops:read"
)

// AllScopes are the scopes a new key gets unless told otherwise: the API's.
var AllScopes = []string{ScopeCreate, ScopeRead, ScopeCancel}

// KnownScopes are every scope a key can hold.
var KnownScopes = []string{ScopeCreate, ScopeRead, ScopeCancel, ScopeOps}

// Errors the store returns.
var (
	ErrInvalidKey = errors.New("apikeys: invalid API key")
	ErrNotFound   = errors.New("apikeys: no such key")
	ErrNameTaken  = errors.New("apikeys: a key with this name exists")
)

// Key is a stored key, without its secret.
type Key struct {
	ID        int64
	Name      string
	Prefix    string // the first characters of the secret, to tell keys apart in lists
	Scopes    []string
	CreatedAt time.Time
	RevokedAt *time.Time
}

// Has reports whether the key holds scope.
func (k *Key) Has(scope string) bool { return slices.Contains(k.Scopes, scope) }

const secretChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// minSecretLen is the number of random characters after the `sk-` prefix.
const minSecretLen = 32

// WellFormed reports whether s has the shape of a Skop key: `sk-` or `sk_` followed
// by at least 32 letters and digits. It says nothing of whether the key exists.
func WellFormed(s string) bool {
	if len(s) < 3+minSecretLen || len(s) > 256 || !(strings.HasPrefix(s, "sk-") || strings.HasPrefix(s, "sk_")) {
		return false
	}
	for i := 3; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// ValidateScopes checks that every scope is known and that there is at least one.
func ValidateScopes(scopes []string) error {
	if len(scopes) == 0 {
		return errors.New("apikeys: a key needs at least one scope")
	}
	for _, s := range scopes {
		if !slices.Contains(KnownScopes, s) {
			return fmt.Errorf("apikeys: unknown scope %q (known: %s)", s, strings.Join(KnownScopes, ", "))
		}
	}
	return nil
}

func hashOf(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func newSecret() string {
	const n = 40
	b := make([]byte, n)
	// rand.Text would do, but a fixed alphabet keeps keys free of characters that
	// need quoting in shells and headers. The modulo bias of 256 % 62 is removed by
	// rejection sampling.
	out := make([]byte, 0, n)
	for len(out) < n {
		if _, err := rand.Read(b); err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		for _, c := range b {
			if c < 248 && len(out) < n { // 248 = 4 * 62
				out = append(out, secretChars[int(c)%len(secretChars)])
			}
		}
	}
	return "sk-" + string(out)
}

// Store keeps keys in the database. Authenticate answers from an in-process cache
// by hash for up to CacheTTL: a revoke through this store takes effect at once, a
// revoke through another process (another replica, `skop-server keys revoke`)
// within CacheTTL.
type Store struct {
	db  *database.DB
	ttl atomic.Int64 // see SetCacheTTL

	mu    sync.Mutex
	cache map[string]cachedKey // key hash → key
}

type cachedKey struct {
	key     *Key
	expires time.Time
}

// DefaultCacheTTL is the key cache's lifetime unless set otherwise.
const DefaultCacheTTL = time.Second

// NewStore returns a store over db, which must be migrated.
func NewStore(db *database.DB) *Store {
	s := &Store{db: db, cache: map[string]cachedKey{}}
	s.ttl.Store(int64(DefaultCacheTTL))
	return s
}

// SetCacheTTL sets how long a key found valid is trusted without asking the
// database again; 0 turns the cache off.
func (s *Store) SetCacheTTL(d time.Duration) {
	s.ttl.Store(int64(max(d, 0)))
	s.mu.Lock()
	clear(s.cache)
	s.mu.Unlock()
}

// Create makes a key named name with the given scopes and returns its secret, which
// is not stored and cannot be shown again.
func (s *Store) Create(ctx context.Context, name string, scopes []string) (string, *Key, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return "", nil, errors.New("apikeys: a key name is 1 to 100 characters")
	}
	if err := ValidateScopes(scopes); err != nil {
		return "", nil, err
	}
	secret := newSecret()
	now := time.Now().UTC()
	k := &Key{Name: name, Prefix: secret[:7], Scopes: slices.Clone(scopes), CreatedAt: now}
	err := s.db.QueryRow(ctx, `
INSERT INTO skop_api_keys (name, key_hash, key_prefix, scopes, created_at)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (name) DO NOTHING
RETURNING id`, name, hashOf(secret), k.Prefix, strings.Join(scopes, ","), now.UnixMicro()).Scan(&k.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, fmt.Errorf("%w: %q", ErrNameTaken, name)
	}
	if err != nil {
		return "", nil, fmt.Errorf("apikeys: create %q: %w", name, err)
	}
	return secret, k, nil
}

const keyColumns = `id, name, key_prefix, scopes, created_at, revoked_at`

func scanKey(row interface{ Scan(...any) error }) (*Key, error) {
	var (
		k       Key
		scopes  string
		created int64
		revoked sql.NullInt64
	)
	if err := row.Scan(&k.ID, &k.Name, &k.Prefix, &scopes, &created, &revoked); err != nil {
		return nil, err
	}
	k.Scopes = strings.Split(scopes, ",")
	k.CreatedAt = time.UnixMicro(created).UTC()
	if revoked.Valid {
		t := time.UnixMicro(revoked.Int64).UTC()
		k.RevokedAt = &t
	}
	return &k, nil
}

// List returns every key, revoked ones included, oldest first.
func (s *Store) List(ctx context.Context) ([]*Key, error) {
	rows, err := s.db.Query(ctx, `SELECT `+keyColumns+` FROM skop_api_keys ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("apikeys: list: %w", err)
	}
	defer rows.Close()
	var keys []*Key
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, fmt.Errorf("apikeys: list: %w", err)
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// CountActive returns how many keys are not revoked.
func (s *Store) CountActive(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT count(*) FROM skop_api_keys WHERE revoked_at IS NULL`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("apikeys: count: %w", err)
	}
	return n, nil
}

// Revoke makes the key named name unusable from now on. Its jobs stay in the database.
func (s *Store) Revoke(ctx context.Context, name string) error {
	n, err := s.db.Exec(ctx, `UPDATE skop_api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL`,
		time.Now().UnixMicro(), name)
	if err != nil {
		return fmt.Errorf("apikeys: revoke %q: %w", name, err)
	}
	s.mu.Lock()
	for h, c := range s.cache {
		if c.key.Name == name {
			delete(s.cache, h)
		}
	}
	s.mu.Unlock()
	if n == 0 {
		return fmt.Errorf("%w (or already revoked): %q", ErrNotFound, name)
	}
	return nil
}

// Authenticate returns the live key whose secret is secret, or ErrInvalidKey.
// The secret itself is never logged or stored.
func (s *Store) Authenticate(ctx context.Context, secret string) (*Key, error) {
	if !WellFormed(secret) {
		return nil, ErrInvalidKey
	}
	want := hashOf(secret)
	now := time.Now()
	ttl := time.Duration(s.ttl.Load())
	if ttl > 0 {
		s.mu.Lock()
		c, ok := s.cache[want]
		s.mu.Unlock()
		if ok && now.Before(c.expires) {
			return c.key, nil
		}
	}
	var stored string
	row := s.db.Reader().QueryRow(ctx, `SELECT key_hash, `+keyColumns+` FROM skop_api_keys WHERE key_hash = ? AND revoked_at IS NULL`, want)
	k, err := scanKey(scanPrefix{row, &stored})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrInvalidKey
	}
	if err != nil {
		return nil, fmt.Errorf("apikeys: authenticate: %w", err)
	}
	// The lookup is by hash, which an attacker cannot steer byte by byte; the final
	// comparison is constant-time all the same.
	if subtle.ConstantTimeCompare([]byte(stored), []byte(want)) != 1 {
		return nil, ErrInvalidKey
	}
	if ttl > 0 {
		s.mu.Lock()
		if len(s.cache) >= maxCachedKeys {
			clear(s.cache) // many keys in use: start over rather than grow
		}
		s.cache[want] = cachedKey{key: k, expires: now.Add(ttl)}
		s.mu.Unlock()
	}
	return k, nil
}

// maxCachedKeys bounds the key cache.
const maxCachedKeys = 10000

// scanPrefix scans one leading column into dst and the rest through the wrapped row.
type scanPrefix struct {
	row interface{ Scan(...any) error }
	dst *string
}

func (p scanPrefix) Scan(dest ...any) error {
	return p.row.Scan(append([]any{p.dst}, dest...)...)
}
