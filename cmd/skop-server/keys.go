package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/database"
)

// openKeys opens the database for a keys command. A SQLite file that does not
// exist is refused unless create is set: a typo in --db must not make a new, empty
// database and report success.
func openKeys(ctx context.Context, db string, create bool) (*database.DB, *apikeys.Store, error) {
	if path, ok := database.SQLitePath(db); ok && !create {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, nil, fmt.Errorf("no database at %s (pass --create to make a new one)", path)
		}
	}
	d, err := database.Open(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	if err := database.Migrate(ctx, d); err != nil {
		d.Close()
		return nil, nil, err
	}
	return d, apikeys.NewStore(d), nil
}

// keys manages API keys. `keys create` prints the new key, and nothing else, on
// stdout, so that `KEY=$(skop-server keys create …)` works.
func keys(args []string) error {
	if len(args) == 0 {
		return usageError("keys: want create, list or revoke (see skop-server keys -h)")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Print(keysUsage)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	fs := flag.NewFlagSet("keys "+args[0], flag.ContinueOnError)
	db := fs.String("db", envOr("SKOP_DATABASE_URL", "./skop.db"), "database file or postgres:// URL (env SKOP_DATABASE_URL)")
	create := fs.Bool("create", false, "create the SQLite database file if it does not exist")
	switch args[0] {
	case "create":
		name := fs.String("name", "", "the key's name (required, unique)")
		scopes := fs.String("scopes", strings.Join(apikeys.AllScopes, ","), "comma-separated scopes")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if err := envError(); err != nil {
			return err
		}
		if *name == "" {
			return usageError("keys create: --name is required")
		}
		d, store, err := openKeys(ctx, *db, *create)
		if err != nil {
			return err
		}
		defer d.Close()
		var list []string
		for _, s := range strings.Split(*scopes, ",") {
			if s = strings.TrimSpace(s); s != "" {
				list = append(list, s)
			}
		}
		secret, _, err := store.Create(ctx, *name, list)
		if err != nil {
			return err
		}
		fmt.Println(secret)
		return nil
	case "list":
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if err := envError(); err != nil {
			return err
		}
		d, store, err := openKeys(ctx, *db, *create)
		if err != nil {
			return err
		}
		defer d.Close()
		ks, err := store.List(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "NAME\tPREFIX\tSCOPES\tCREATED\tREVOKED")
		for _, k := range ks {
			revoked := "-"
			if k.RevokedAt != nil {
				revoked = k.RevokedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(w, "%s\t%s…\t%s\t%s\t%s\n", k.Name, k.Prefix, strings.Join(k.Scopes, ","), k.CreatedAt.Format(time.RFC3339), revoked)
		}
		return w.Flush()
	case "revoke":
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if err := envError(); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usageError("keys revoke: name the key to revoke")
		}
		d, store, err := openKeys(ctx, *db, *create)
		if err != nil {
			return err
		}
		defer d.Close()
		if err := store.Revoke(ctx, fs.Arg(0)); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "revoked %s\n", fs.Arg(0))
		return nil
	default:
		return usageError(fmt.Sprintf("keys: unknown command %q (want create, list or revoke)", args[0]))
	}
}

const keysUsage = `usage:
  skop-server keys create --name NAME [--scopes scrape:create,scrape:read,scrape:cancel] [--db PATH|URL] [--create]
  skop-server keys list   [--db PATH|URL]
  skop-server keys revoke [--db PATH|URL] NAME

create prints the new key, and only the key, on stdout. --db defaults to
SKOP_DATABASE_URL or ./skop.db; a SQLite file that does not exist is refused
unless --create is given.
`
