# Plinth: the two set-up commands are `make start` and `make test`.
# Every target goes through the same bootstrap (Node 22 + dependencies), see infra/bootstrap/.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
ENV := . infra/bootstrap/env.sh

.PHONY: help bootstrap start test test-static test-unit test-e2e test-integration \
        techdocs browser build-app clean

help:
	@echo "make start   run the portal (frontend :3000, backend :7007) with local infrastructure"
	@echo "make test    everything CI checks: type-check, lint, unit, integration and browser tests"

bootstrap:
	@$(ENV) && infra/bootstrap/deps.sh

techdocs:
	@infra/techdocs/install.sh

browser:
	@infra/bootstrap/apt.sh chromium

start: bootstrap techdocs
	@$(ENV) && yarn start

test: bootstrap techdocs browser
	@$(MAKE) --no-print-directory test-static test-unit test-integration test-e2e

test-static:
	@$(ENV) && echo "== type-check" && yarn tsc
	@$(ENV) && echo "== lint" && yarn lint
	@$(ENV) && echo "== prettier" && yarn prettier:check

test-unit:
	@$(ENV) && echo "== unit tests" && CI=true yarn test --maxWorkers=2 --testPathIgnorePatterns '\.integration\.test\.ts$$'

test-integration:
	@$(ENV) && echo "== integration tests (real Postgres)" && infra/bootstrap/apt.sh postgresql && \
	  CI=true yarn test --maxWorkers=1 '\.integration\.test\.ts$$'

build-app:
	@$(ENV) && yarn workspace @plinth/app build

test-e2e: build-app
	@$(ENV) && echo "== browser tests (Chromium)" && yarn playwright test

clean:
	rm -rf node_modules packages/*/node_modules plugins/*/node_modules packages/*/dist plugins/*/dist dist-types
