# kitacert: everyday commands. `make test` is what CI runs.
GO ?= go
PKGS := ./...

.PHONY: assets docs browser-test screenshots all build run demo test generate check-generate vet staticcheck lint fmt fmt-check bench ci clean

all: lint test build

## build: compile bin/kitacert
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/kitacert ./cmd/kitacert

## run: serve on :8080 with the embedded SQLite database
run:
	$(GO) run ./cmd/kitacert serve

## demo: serve with the demo data set
demo:
	$(GO) run ./cmd/kitacert serve --demo

## test: every test with the race detector, on SQLite and (with KITACERT_TEST_POSTGRES) PostgreSQL
test:
	$(GO) test -race -count=1 $(TESTFLAGS) $(PKGS)

## browser-test: only the tests in headless chromium (axe, crawl, journeys, weight); `make test` runs them too
browser-test:
	$(GO) test -count=1 -v -run 'TestBrowser' ./pkg/web

## screenshots: write the start page of each role to docs/ui/start-ROLE.png
screenshots:
	KITACERT_SCREENSHOTS=docs/ui $(GO) test -count=1 -run 'TestBrowserCrawl/sqlite' ./pkg/web

## generate: regenerate api/api.gen.go from api/openapi.yaml
generate:
	cd api && $(GO) tool oapi-codegen -config oapi-codegen.yaml openapi.yaml

## check-generate: fail when the committed generated code does not match the spec
check-generate: generate
	git diff --exit-code -- api/ || (echo "api/api.gen.go is stale: run make generate and commit" >&2; exit 1)

## vet, staticcheck, lint: static checks
vet:
	$(GO) vet $(PKGS)

staticcheck:
	$(GO) tool staticcheck $(PKGS)

lint: fmt-check vet staticcheck

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

fmt:
	gofmt -w $$(git ls-files '*.go')

## bench: benchmarks (see docs/performance.md)
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## ci: what .ci/run does, minus the database set-up
ci: lint check-generate test

clean:
	rm -rf bin kitacert.db kitacert.db-wal kitacert.db-shm kitacert-files

## assets: refresh the vendored front-end files (KERN UX, Fira Sans, htmx) from the
## versions pinned in pkg/web/assets/package-lock.json; needs npm, the build does not
assets:
	bash pkg/web/assets/update.sh

## docs: regenerate the policy table in docs/access.md
docs:
	$(GO) test ./pkg/access -run TestAccessDocIsCurrent -update
