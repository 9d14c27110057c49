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

func openKeys(ctx context.Context, db string) (*database.DB, *apikeys.Store, error) {
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
		return errors.New("keys: want create, list or revoke")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	fs := flag.NewFlagSet("keys "+args[0], flag.ContinueOnError)
	db := fs.String("db", envOr("SKOP_DATABASE_URL", "./skop.db"), "database file (env SKOP_DATABASE_URL)")
	switch args[0] {
	case "create":
		name := fs.String("name", "", "the key's name (required, unique)")
		scopes := fs.String("scopes", strings.Join(apikeys.AllScopes, ","), "comma-separated scopes")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if *name == "" {
			return errors.New("keys create: --name is required")
		}
		d, store, err := openKeys(ctx, *db)
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
		d, store, err := openKeys(ctx, *db)
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
		if fs.NArg() != 1 {
			return errors.New("keys revoke: name the key to revoke")
		}
		d, store, err := openKeys(ctx, *db)
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
		return fmt.Errorf("keys: unknown command %q (want create, list or revoke)", args[0])
	}
}
