// Command skop is Skop for people: find documents on a website from the terminal,
// watch the job with a progress bar, read and download what it found.
//
//	skop find https://www.example.gov/ "Find all board meeting minutes from 2025" --crawl --wait
//	skop status|watch|results|cancel JOB_ID
//	skop results JOB_ID --download ./minutes
//	skop list [--status completed]
//
// The server and key come from --url / SKOP_URL (default http://127.0.0.1:8080)
// and --api-key / SKOP_API_KEY. --json prints the API's JSON instead of tables,
// for scripts. Exit codes: 0 done, 1 the job failed (or another error), 2 usage,
// 3 the job was cancelled.
//
// The command line is parsed with kong: commands and flags are one annotated
// struct, -h works on every command, and errors name the flag.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/alecthomas/kong"

	"github.com/skop-dev/skop/client"
)

// Exit codes.
const (
	exitOK        = 0
	exitFailed    = 1
	exitUsage     = 2
	exitCancelled = 3
)

type cli struct {
	URL    string `name:"url" env:"SKOP_URL" default:"http://127.0.0.1:8080" help:"Skop server."`
	APIKey string `name:"api-key" env:"SKOP_API_KEY" help:"API key (sk-…)."`
	JSON   bool   `name:"json" help:"Print the API's JSON instead of tables."`

	Find    findCmd    `cmd:"" help:"Create a job that finds documents on a website."`
	Status  statusCmd  `cmd:"" help:"Show a job's status."`
	Watch   watchCmd   `cmd:"" help:"Follow a job with a progress bar until it ends."`
	Results resultsCmd `cmd:"" help:"List the documents a job kept, and optionally download them."`
	Cancel  cancelCmd  `cmd:"" help:"Cancel a pending or running job."`
	List    listCmd    `cmd:"" help:"List your jobs, newest first."`
}

// env is what every command runs with.
type env struct {
	ctx    context.Context
	sdk    *client.SDK
	out    io.Writer
	errOut io.Writer
	json   bool
	tty    bool // stdout is a terminal: draw the progress bar in place
}

// exitError carries an exit code through kong.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	var c cli
	exited := -1
	parser, err := kong.New(&c,
		kong.Name("skop"),
		kong.Description("Find documents on a website with a Skop server."),
		kong.UsageOnError(),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { exited = code }),
	)
	if err != nil {
		fmt.Fprintln(stderr, "skop:", err)
		return exitUsage
	}
	kctx, err := parser.Parse(args)
	if exited >= 0 {
		return exited // -h, --help
	}
	if err != nil {
		fmt.Fprintln(stderr, "skop:", err)
		return exitUsage
	}
	if c.APIKey == "" {
		fmt.Fprintln(stderr, "skop: no API key: set SKOP_API_KEY or pass --api-key")
		return exitUsage
	}
	sdk, err := client.NewSDK(c.URL, c.APIKey)
	if err != nil {
		fmt.Fprintln(stderr, "skop:", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{ctx: ctx, sdk: sdk, out: stdout, errOut: stderr, json: c.JSON, tty: isTerminal(stdout)}
	err = kctx.Run(e)
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		if ee.err != nil {
			fmt.Fprintln(stderr, "skop:", ee.err)
		}
		return ee.code
	default:
		fmt.Fprintln(stderr, "skop:", err)
		return exitFailed
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
