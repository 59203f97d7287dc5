package apis

import (
	"path"
	"strings"
)

// Driver wrappers: a project's own module that wraps a database driver
// is named after it (src/database/redis.js, lib/mongo.ts), and its opener
// (connect, createClient) hands out a new client of that driver, which
// the caller must close like the driver's own.

// driverWrappers maps a wrapper module's base name to the driver it
// wraps.
var driverWrappers = map[string]string{
	"redis": "redis", "ioredis": "redis",
	"mongo": "mongodb", "mongodb": "mongodb",
	"postgres": "postgres", "postgresql": "postgres", "pg": "postgres",
	"mysql": "mysql", "mariadb": "mysql",
}

// wrapperOpeners are the functions of such a module that open a new
// client. A getter (getClient) or a property (rdb.client) hands out the
// shared one and is not among them.
var wrapperOpeners = map[string]bool{"connect": true, "createClient": true, "createConnection": true}

// DriverWrapper returns the driver ("redis", "mongodb", "postgres",
// "mysql") that the module at spec wraps, or "": spec must name a file of
// the project (ProjectModule), whose base name, without its extension or
// a trailing /index, names the driver.
func DriverWrapper(spec string) string {
	if !ProjectModule(spec) {
		return ""
	}
	base := path.Base(strings.TrimSuffix(spec, "/index"))
	return driverWrappers[strings.TrimSuffix(base, path.Ext(base))]
}

// WrapperOpener reports a function of a driver wrapper that opens a new
// client.
func WrapperOpener(fn string) bool { return wrapperOpeners[fn] }

// ProjectModule reports a specifier of a file of the project: relative,
// or through the common source-root aliases (@/, ~/).
func ProjectModule(spec string) bool {
	return strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") ||
		strings.HasPrefix(spec, "@/") || strings.HasPrefix(spec, "~/")
}
