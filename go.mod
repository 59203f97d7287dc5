module github.com/leakwatch/leakwatch

go 1.26.8

require (
	github.com/chromedp/cdproto v0.160.5
	github.com/coder/websocket v1.8.15
	github.com/go-json-experiment/json v0.0.0-20260623181947-01eb4420fa68
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.2
	github.com/smacker/go-tree-sitter v0.0.0-20240827094217-dd81d9e9be82
	github.com/tree-sitter/tree-sitter-javascript v0.23.1
	github.com/tree-sitter/tree-sitter-typescript v0.23.2
	github.com/zeebo/xxh3 v1.1.0
	go.lsp.dev/jsonrpc2 v1.0.1
	go.lsp.dev/protocol v1.0.1
	go.lsp.dev/uri v1.0.1
)

require (
	github.com/klauspost/cpuid/v2 v2.3.0 // indirect
	golang.org/x/sys v0.45.0 // indirect
	golang.org/x/text v0.36.0 // indirect
)
