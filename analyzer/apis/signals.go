package apis

import (
	"regexp"
	"strings"
)

// Signal packages: objects of these package scopes carry Lumino signals
// (sig.connect(fn) / sig.disconnect(fn)): Lumino itself, its predecessor
// Phosphor, and JupyterLab, whose models and widgets expose them.
// connect() and disconnect() are too common to read as signals anywhere
// else (sockets, MQTT clients and Web Audio nodes have them too), so only
// a file that imports from one of these is read for them.
var signalScopes = []string{"lumino", "phosphor", "jupyterlab"}

var signalImport = regexp.MustCompile(`from\s+['"]@(` + strings.Join(signalScopes, "|") + `)/|require\(\s*['"]@(` + strings.Join(signalScopes, "|") + `)/`)

// ImportsSignals reports source text that imports (or requires) a module
// of a signal package.
func ImportsSignals(src string) bool {
	// The regexp scans the whole text; most files name none of the
	// scopes, which a literal search rules out far faster (the scan was
	// 2% of a cold run).
	named := false
	for _, s := range signalScopes {
		if strings.Contains(src, "@"+s+"/") {
			named = true
			break
		}
	}
	return named && signalImport.MatchString(src)
}
