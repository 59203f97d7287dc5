// This file recognises clients opened through a project's own database
// module: `require("../database/redis").connect()`, where the module is
// the project's wrapper around a driver, named after it.

package resources

import (
	"path"
	"strings"

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

// driverModules are the last path segments of a project module that
// wraps a database driver (src/database/redis.js, lib/mongo.ts), and the
// client its opener returns.
var driverModules = map[string]*kind{
	"redis": redisKind, "ioredis": redisKind,
	"mongo": mongoWrapKind, "mongodb": mongoWrapKind,
	"postgres": postgresWrapKind, "postgresql": postgresWrapKind, "pg": postgresWrapKind,
	"mysql": mysqlConnKind, "mariadb": mysqlConnKind,
}

// wrapperOpeners are the functions of such a module that open a new
// client. A getter (getClient) or a property (rdb.client) hands out the
// shared one and is not among them.
var wrapperOpeners = set("connect", "createClient", "createConnection")

// wrapperOpen reads an origin ("../../database/redis:connect") as an
// opener of a project's driver wrapper; it returns the client's kind and
// the module specifier.
func wrapperOpen(o string) (*kind, string) {
	mod, fn, ok := strings.Cut(o, ":")
	if !ok || !projectModule(mod) {
		return nil, ""
	}
	fn = strings.TrimPrefix(fn, "default.")
	if !wrapperOpeners[fn] {
		return nil, ""
	}
	base := path.Base(strings.TrimSuffix(mod, "/index"))
	base = strings.TrimSuffix(base, path.Ext(base))
	if k := driverModules[base]; k != nil {
		return k, mod
	}
	return nil, ""
}

// projectModule reports a specifier of a file of the project: relative,
// or through the common source-root aliases.
func projectModule(spec string) bool {
	return strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") ||
		strings.HasPrefix(spec, "@/") || strings.HasPrefix(spec, "~/")
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
