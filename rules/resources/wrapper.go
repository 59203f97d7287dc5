// This file recognises clients opened through a project's own database
// module: `require("../database/redis").connect()`, where the module is
// the project's wrapper around a driver, named after it.

package resources

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// Clients a driver wrapper's opener returns. The closer is the driver's
// (the wrapper's client is usually the driver's own object); no fix
// calls it, since the wrapper may hand back something else.
var (
	mongoWrapKind    = &kind{name: "MongoDB client", closer: "close", verb: "closed", scoped: true, paths: true, db: true}
	postgresWrapKind = &kind{name: "Postgres client", closer: "end", verb: "ended", scoped: true, paths: true, db: true,
		services: set("notification")}
)

// driverClients are the clients a driver wrapper's opener returns, by
// the driver apis.DriverWrapper names.
var driverClients = map[string]*kind{
	"redis": redisKind, "mongodb": mongoWrapKind, "postgres": postgresWrapKind, "mysql": mysqlConnKind,
}

// wrapperOpen reads an origin ("../../database/redis:connect") as an
// opener of a project's driver wrapper; it returns the client's kind and
// the module specifier.
func wrapperOpen(o string) (*kind, string) {
	mod, fn, ok := strings.Cut(o, ":")
	if !ok || !apis.WrapperOpener(strings.TrimPrefix(fn, "default.")) {
		return nil, ""
	}
	if k := driverClients[apis.DriverWrapper(mod)]; k != nil {
		return k, mod
	}
	return nil, ""
}

// wrapperBorrows reads a call that is given a wrapper's client: another
// function of the same module borrows it (rdb.info(cxn, cb) runs a
// command on it), unless its name says it closes it.
func (v *notClosed) wrapperBorrows(a acquisition, call syntax.Node) (borrows, closes bool) {
	if a.wrapper == "" {
		return false, false
	}
	mod, _, ok := strings.Cut(origin(v.p, call.Get("function")), ":")
	if !ok || mod != a.wrapper {
		return false, false
	}
	if closers[astutil.MethodName(call)] {
		return false, true
	}
	return true, false
}
