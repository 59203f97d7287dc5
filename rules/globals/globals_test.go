package globals_test

import (
	"context"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/globals"
)

func TestImplicit(t *testing.T) { analysistest.Run(t, globals.Implicit) }

func TestDocExamples(t *testing.T) { analysistest.RunDocExamples(t, globals.Implicit) }

const pollingScript = `function startPolling() {
  pollTimer = setInterval(refresh, 5000);
}
function stopPolling() {
  clearInterval(pollTimer);
}
function refresh() {}
`

// Names declared as globals in config are not reported.
func TestImplicitConfigGlobals(t *testing.T) {
	for _, opts := range []map[string]any{
		{"globals": []any{"pollTimer"}},
		{"globals": map[string]any{"pollTimer": "writable"}},
	} {
		cfg := &analyzer.Config{Rules: map[string]analyzer.RuleConfig{
			globals.Implicit.ID: {Severity: analyzer.SeverityWarning, Options: opts},
		}}
		e := analyzer.NewEngine([]*analyzer.Rule{globals.Implicit})
		res := e.Analyze(context.Background(), analyzer.File{Path: "poll.js", Src: []byte(pollingScript), Config: cfg})
		if len(res.Diagnostics) != 0 {
			t.Errorf("options %v: got %v, want nothing", opts, res.Diagnostics)
		}
	}
	res := analysistest.Analyze(t, globals.Implicit, "poll.js", pollingScript)
	if len(res.Diagnostics) != 1 {
		t.Errorf("without config: got %d diagnostics, want 1", len(res.Diagnostics))
	}
}

// Realistic sloppy-mode scripts with every name declared must not be
// reported.
func TestImplicitStaysSilentOnCleanScripts(t *testing.T) {
	for name, src := range map[string]string{
		"umd.js": `(function (root, factory) {
  if (typeof define === "function" && define.amd) {
    define([], factory);
  } else if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.Toast = factory();
  }
})(this, function () {
  var queue = [];
  var timer = null;
  function show(message, options) {
    options = options || {};
    queue.push({ message: message, duration: options.duration || 3000 });
    if (!timer) next();
  }
  function next() {
    var item = queue.shift();
    if (!item) {
      timer = null;
      return;
    }
    var el = document.createElement("div");
    el.className = "toast";
    el.textContent = item.message;
    document.body.appendChild(el);
    timer = setTimeout(function () {
      el.parentNode.removeChild(el);
      next();
    }, item.duration);
  }
  return { show: show };
});
`,
		"webpack.config.js": `const path = require("path");
const isProd = process.env.NODE_ENV === "production";

module.exports = (env, argv) => {
  let mode = argv.mode || (isProd ? "production" : "development");
  const config = {
    mode,
    entry: "./src/index.js",
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].[contenthash].js" },
  };
  if (env && env.analyze) {
    config.plugins = [];
  }
  exports.lastMode = mode;
  return config;
};
`,
		"page.js": `/* global dataLayer */
window.dataLayer = window.dataLayer || [];
function gtag() {
  dataLayer.push(arguments);
}
onload = function () {
  var links = document.querySelectorAll("a[data-track]");
  for (var i = 0; i < links.length; i++) {
    links[i].onclick = function () {
      gtag("event", "click", { label: this.dataset.track });
    };
  }
  document.title = name || document.title;
};
`,
	} {
		res := analysistest.Analyze(t, globals.Implicit, name, src)
		for _, d := range res.Diagnostics {
			t.Errorf("%s: unexpected diagnostic at %d: %s", name, d.Start, d.Message)
		}
	}
}
