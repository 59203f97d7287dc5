// This file recognises gRPC clients: `new SomeService(address,
// credentials)` with a class from @grpc/grpc-js. Each client owns a
// channel (connections, timers, a channelz entry) that only close()
// releases.

package resources

import (
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// grpcModule is the gRPC library whose credentials mark a client.
const grpcModule = "@grpc/grpc-js"

// grpcNeedles find the files that load it.
var grpcNeedles = []string{`"` + grpcModule + `"`, `'` + grpcModule + `'`}

var grpcClientKind = &kind{name: "gRPC client", closer: "close", verb: "closed", scoped: true}

// grpcCalls are a client's call methods: the call they return keeps the
// client's channel, and whoever keeps the call can close it
// (call.call.channel.close() when it ends).
var grpcCalls = set("makeUnaryRequest", "makeClientStreamRequest", "makeServerStreamRequest", "makeBidiStreamRequest")

// grpcClient reports `new C(address, credentials)` where C comes from
// @grpc/grpc-js: its Client class, a class makeGenericClientConstructor
// made, or a service of a loadPackageDefinition() result
// (proto.helloworld.Greeter). Wrapper classes that take the same
// arguments (a reflection client) keep their channel inside and have no
// close() of their own, so they are left alone.
func (v *notClosed) grpcClient(n syntax.Node) bool {
	if len(astutil.Args(n)) < 2 {
		return false
	}
	ctor := scope.Unwrap(n.Get("constructor"))
	if origin(v.p, ctor) == grpcModule+":Client" {
		return true
	}
	root := ctor
	for root.Kind() == "member_expression" {
		root = scope.Unwrap(root.Get("object"))
	}
	if root.Kind() != "identifier" {
		return false
	}
	b := v.p.Scope.Resolve(root)
	if b == nil || b.Reassigned || !b.Init.Valid() {
		return false
	}
	init := scope.Unwrap(b.Init)
	if init.Kind() != "call_expression" {
		return false
	}
	switch origin(v.p, init.Get("function")) {
	case grpcModule + ":makeGenericClientConstructor", grpcModule + ":loadPackageDefinition":
		return true
	}
	return false
}
