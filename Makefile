# Plinth: the two set-up commands are `make start` and `make test`.
# Every target goes through the same bootstrap (Node 22 + dependencies), see infra/bootstrap/.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
ENV := . infra/bootstrap/env.sh

.PHONY: help bootstrap start test test-static test-unit test-e2e test-integration \
        test-infra techdocs browser build-app clean infra-up infra-down infra-status \
        kafka-up kafka-up-3 kafka-down clickhouse-up clickhouse-down pipeline-up pipeline-down \
        pipeline-status bench-ownership bench-ingest bench-health bench-api-diff chdb

help:
	@echo "make start   run the portal (frontend :3000, backend :7007) with local infrastructure"
	@echo "make test    everything CI checks: type-check, lint, shellcheck, unit, integration and browser tests"
	@echo "make infra-up / infra-down / infra-status   local Kafka + ClickHouse only"
	@echo "make pipeline-up / pipeline-down / pipeline-status   Kafka + ClickHouse + ingester + load generator"
	@echo "make githost-up / githost-down / githost-status   the local git host templates publish to (:7010)"
	@echo "make bench-ingest / bench-ownership / bench-health / bench-api-diff   benchmarks (figures in bench/RESULTS.md)"

bootstrap:
	@$(ENV) && infra/bootstrap/deps.sh

techdocs:
	@infra/techdocs/install.sh

browser:
	@infra/bootstrap/apt.sh chromium

start: bootstrap techdocs
	@infra/portal/start.sh

test: bootstrap techdocs browser
	@$(MAKE) --no-print-directory test-static test-unit test-infra test-integration test-e2e

# shellcheck: every shell script that runs (infra, bench, and the shell ones in bootstrap/bin).
test-static:
	@$(ENV) && echo "== type-check" && yarn tsc
	@$(ENV) && echo "== lint" && yarn lint
	@echo "== shellcheck" && infra/bootstrap/apt.sh shellcheck && \
	  shellcheck --external-sources $$(find infra bench -name '*.sh' -type f | sort) \
	    $$(grep -lE '^#!.*[/ ](ba)?sh$$' infra/bootstrap/bin/*)
	@$(ENV) && echo "== prettier" && yarn prettier:check

test-unit:
	@$(ENV) && echo "== unit tests" && CI=true yarn test --maxWorkers=2 --testPathIgnorePatterns '\.integration\.test\.ts$$'

test-integration: chdb
	@$(ENV) && echo "== integration tests (real Postgres, Kafka, ClickHouse)" && infra/bootstrap/apt.sh postgresql && \
	  CI=true yarn test --maxWorkers=1 '\.integration\.test\.ts$$'

test-infra:
	@echo "== infrastructure scripts (real ClickHouse + Kafka)" && infra/clickhouse/test.sh && infra/kafka/test.sh

# Local infrastructure: Kafka (KRaft, from Maven Central jars) and ClickHouse (Debian package).
kafka-up:
	@infra/kafka/kafka.sh up && infra/kafka/kafka.sh topics

kafka-up-3:
	@infra/kafka/kafka.sh up --brokers 3 && infra/kafka/kafka.sh topics --brokers 3

kafka-down:
	@infra/kafka/kafka.sh down --all

clickhouse-up:
	@infra/clickhouse/clickhouse.sh up

clickhouse-down:
	@infra/clickhouse/clickhouse.sh down --all

# chDB (ClickHouse 26.x in-process, ~570 MB) into .cache/chdb for the two-engine SQL tests.
chdb:
	@infra/clickhouse/chdb.sh install >/dev/null

infra-up: kafka-up clickhouse-up

# The demo ingester and load generator first: they would retry forever without their infra.
infra-down:
	@infra/pipeline/demo.sh down --keep-infra && $(MAKE) --no-print-directory kafka-down clickhouse-down

infra-status:
	@infra/kafka/kafka.sh status --all || true; infra/clickhouse/clickhouse.sh status --all || true

# The reference pipeline running at a demo rate (PIPELINE_DEMO_RATE, default 100 events/s).
pipeline-up: bootstrap
	@infra/pipeline/demo.sh up

pipeline-down:
	@infra/pipeline/demo.sh down

pipeline-status:
	@infra/pipeline/demo.sh status

# The local git host templates publish new services to (http://127.0.0.1:7010; make start
# runs it too).
.PHONY: githost-up githost-down githost-status
githost-up: bootstrap
	@infra/githost/githost.sh up

githost-down:
	@infra/githost/githost.sh down --all

githost-status:
	@infra/githost/githost.sh status

# Benchmarks: figures go to bench/RESULTS.md (see bench/<subject>/).
bench-ownership: bootstrap
	@$(ENV) && bench/ownership/run.sh

bench-ingest: bootstrap
	@bench/ingest/run.sh

bench-health: bootstrap
	@$(ENV) && bench/health/run.sh

# Inputs (GitHub's description from npm, oasdiff from the Go proxy) go to .cache/bench.
bench-api-diff: bootstrap
	@$(ENV) && bench/api-diff/run.sh

# The adoption scorecard over the synthetic catalog of 10,000 components (bench/scaffold/).
.PHONY: bench-scaffold
bench-scaffold: bootstrap
	@$(ENV) && bench/scaffold/run.sh

build-app:
	@$(ENV) && yarn workspace @plinth/app build

# Three portals, one after the other: guest sign-in (playwright.config.ts), OIDC sign-in
# through the development IdP (playwright.oidc.config.ts), then pipeline health against the
# reference pipeline run by infra/pipeline/e2e.sh (playwright.pipelines.config.ts), each on
# free loopback ports.
test-e2e: build-app
	@$(ENV) && echo "== browser tests (Chromium; the golden path publishes to its own git host)" && \
	  PLINTH_E2E_PORT="$${PLINTH_E2E_PORT:-$$(free-port)}" \
	  PLINTH_E2E_GITHOST_PORT="$${PLINTH_E2E_GITHOST_PORT:-$$(free-port)}" \
	  yarn playwright test
	@$(ENV) && echo "== browser tests, OIDC sign-in (Chromium, development IdP)" && \
	  PLINTH_E2E_PORT="$${PLINTH_E2E_OIDC_PORT:-$$(free-port)}" \
	  PLINTH_E2E_IDP_PORT="$${PLINTH_E2E_IDP_PORT:-$$(free-port)}" \
	  PLINTH_E2E_IDP_DOWN_PORT="$${PLINTH_E2E_IDP_DOWN_PORT:-$$(free-port)}" \
	  yarn playwright test -c playwright.oidc.config.ts
	@$(ENV) && echo "== browser tests, pipeline health (Chromium, real Kafka + ClickHouse pipeline)" && \
	  PLINTH_E2E_PORT="$${PLINTH_E2E_PIPELINES_PORT:-$$(free-port)}" \
	  PLINTH_E2E_KAFKA_PORT="$${PLINTH_E2E_KAFKA_PORT:-$$(free-port)}" \
	  PLINTH_E2E_CLICKHOUSE_PORT="$${PLINTH_E2E_CLICKHOUSE_PORT:-$$(free-port)}" \
	  yarn playwright test -c playwright.pipelines.config.ts

clean:
	rm -rf node_modules packages/*/node_modules plugins/*/node_modules packages/*/dist plugins/*/dist dist-types
