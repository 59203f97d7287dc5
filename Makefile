# Common tasks. The test command in the README (./scripts/test.sh) is what
# CI runs; these targets are conveniences around it.

GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build install test fuzz bench bench-heap vsix npm clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/leakwatch ./cmd/leakwatch

install:
	$(GO) install -ldflags "$(LDFLAGS)" ./cmd/leakwatch
	@if [ -f editors/vscode/package.json ]; then $(MAKE) vsix; fi

test:
	./scripts/test.sh

fuzz:
	FUZZTIME=$${FUZZTIME:-2m} ./scripts/fuzz-short.sh

bench:
	./bench/run.sh

bench-heap:
	./bench/heap/run.sh

vsix:
	./editors/vscode/scripts/package.sh

# The npm packages (leakwatch and @leakwatch/cli-<platform>) into dist/npm/.
npm:
	./scripts/build-npm.sh

clean:
	rm -rf bin dist
