package server

import (
	"context"
	"log/slog"

	"github.com/skop-dev/skop/gen"
	"github.com/skop-dev/skop/jobs"
)

// handlers implements gen.StrictServerInterface. Errors are returned as *apiError
// and rendered by errorHandler, so every error body has one shape and one path.
type handlers struct {
	svc      *jobs.Service
	log      *slog.Logger
	encoded  *encodedCache[resultsKey] // results of ended jobs, encoded once
	statuses *encodedCache[resultsKey] // statuses of ended jobs, encoded once
	lists    *encodedCache[listKey]    // list pages, encoded once per list version
	health   healthMemo                // the last health answer, encoded
	crawl    CrawlLimits               // defaults and ceilings of the crawl controls
}

var _ gen.StrictServerInterface = (*handlers)(nil)

// owner is the id of the key that made the request.
func owner(ctx context.Context) int64 { return callerKey(ctx).ID }
