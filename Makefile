# Clinic: build, run and test. Every target can be run again; `make test` is what CI runs (.ci/run).
#
#   make deps    system packages, tauri-driver, npm packages (each only when missing or out of date)
#   make ui      build the React UI into ui/dist (the desktop binary embeds it)
#   make run     the desktop app on its local encrypted store (ARGS="--data-dir DIR" to pick a store)
#   make test    Rust tests, generated TS bindings check, UI unit tests, end-to-end tests, lint
#   make e2e     only the end-to-end tests of the real window (Xvfb + tauri-driver)
#   make reports-e2e  the central report pages in headless Chromium
#   make lint    rustfmt, clippy (warnings are errors), UI typecheck
#   make bench   benchmarks

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
NPM ?= npm
ARGS ?=

# npm writes node_modules/.package-lock.json on every install: older than package-lock.json = out of date.
UI_STAMP := ui/node_modules/.package-lock.json
E2E_STAMP := tests/e2e/node_modules/.package-lock.json

.PHONY: help deps system-deps ui run test test-rust bindings-check test-ui e2e reports-e2e lint bench

help:
	@sed -n '1,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

deps: system-deps $(UI_STAMP) $(E2E_STAMP)

system-deps:
	@bash scripts/install-deps.sh

# npm ci only when node_modules is missing or the lock file changed since the last install.
$(UI_STAMP): ui/package-lock.json ui/package.json
	cd ui && $(NPM) ci --no-audit --no-fund
	touch $@

$(E2E_STAMP): tests/e2e/package-lock.json tests/e2e/package.json
	cd tests/e2e && $(NPM) ci --no-audit --no-fund
	touch $@

# Rebuilds only when the UI's sources changed (by content: see the script).
ui: $(UI_STAMP)
	@bash scripts/build-ui.sh

run: deps ui
	$(CARGO) run -p clinic-desktop --bin clinic -- $(ARGS)

test: deps ui
	$(MAKE) --no-print-directory test-rust
	$(MAKE) --no-print-directory bindings-check
	$(MAKE) --no-print-directory test-ui
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory reports-e2e
	$(MAKE) --no-print-directory lint

# The sync server's tests need PostgreSQL (DATABASE_URL, or a throwaway cluster) and an S3 server (s3s-fs).
test-rust: ui
	bash scripts/with-services.sh $(CARGO) test --workspace --no-fail-fast

# `cargo test` regenerates ui/src/bindings (ts-rs); the committed files must be what it wrote.
bindings-check:
	@if ! git diff --exit-code --stat -- ui/src/bindings \
	    || [[ -n "$$(git ls-files --others --exclude-standard -- ui/src/bindings)" ]]; then \
	  git ls-files --others --exclude-standard -- ui/src/bindings | sed 's/^/untracked: /'; \
	  echo "ui/src/bindings is out of date: run 'cargo test --workspace' and commit ui/src/bindings" >&2; \
	  exit 1; \
	fi
	@echo "ui/src/bindings is current"

test-ui: $(UI_STAMP)
	cd ui && $(NPM) test

e2e: deps ui
	$(CARGO) build -p clinic-desktop --bin clinic -p clinic-sync-server --bin clinic-sync-server
	bash scripts/with-services.sh bash tests/e2e/run.sh

# The central report pages in headless Chromium, served by the real clinic-sync-server binary.
reports-e2e: $(E2E_STAMP)
	$(CARGO) build -p clinic-sync-server --bin clinic-sync-server
	bash scripts/with-services.sh bash tests/reports/run.sh

lint: $(UI_STAMP) ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd ui && $(NPM) run typecheck

# Release build; about 4 minutes on 2 cores. BENCH_ARGS="--quick" for a smoke run (see docs/BENCHMARKS.md).
bench:
	$(CARGO) run --release -p clinic-bench -- $(or $(BENCH_ARGS),--patients 100000)
