package rules_test

import (
	"slices"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/rules"
)

// Each rule that follows registration APIs takes its needles from the table
// and its selection is not empty; the engine accepts the whole set.
func TestRulesFollowTheAPITable(t *testing.T) {
	if err := analyzer.ValidateRules(rules.All()); err != nil {
		t.Fatal(err)
	}
	want := map[string]apis.Family{
		"listener-not-removed": apis.Listener, "listener-removal-mismatch": apis.Listener,
		"listener-added-per-call": apis.Listener, "timer-not-cleared": apis.Timer,
		"observer-not-disconnected": apis.Observer, "subscription-not-disposed": apis.Subscription,
		"resource-not-closed": apis.Resource,
	}
	for _, r := range rules.All() {
		f, ok := want[r.ID]
		if !ok {
			if !r.APIs.Zero() {
				t.Errorf("%s follows %s APIs; add it to this test", r.ID, r.APIs.Family)
			}
			continue
		}
		if r.APIs.Family != f {
			t.Errorf("%s follows %s APIs, want %s", r.ID, r.APIs.Family, f)
		}
		for _, n := range apis.Builtin().Needles(r.APIs) {
			if !slices.Contains(r.Needles, n) {
				t.Errorf("%s: needle %q of its APIs is not among its needles %q", r.ID, n, r.Needles)
			}
		}
	}
}

// The derived needles let through every file the hand-written lists did
// before the table: each call form below contained one of a rule's old
// needles and must still contain one of its new needles.
func TestDerivedNeedlesCoverTheOldLists(t *testing.T) {
	calls := map[string][]string{
		"listener-not-removed": {`el.addEventListener("x", f)`, `em.on("x", f)`, `em.addListener("x", f)`,
			`em.prependListener("x", f)`, `this.$on("x", f)`, `bus?.$on("x", f)`, `em?.on("x", f)`},
		"listener-added-per-call":   {`el.addEventListener("x", f)`, `em.on("x", f)`, `em.addListener("x", f)`, `em.prependListener("x", f)`},
		"listener-removal-mismatch": {`el.removeEventListener("x", f)`, `em.off("x", f)`, `em.removeListener("x", f)`, `this.$off("x", f)`},
		"timer-not-cleared":         {`setInterval(f, 1)`, `window.setTimeout(f)`, `requestAnimationFrame(f)`},
		"observer-not-disconnected": {`new MutationObserver(f)`, `new ResizeObserver(f)`, `new IntersectionObserver(f)`,
			`new PerformanceObserver(f)`, `new ReportingObserver(f)`},
		"subscription-not-disposed": {`store.subscribe(f)`},
		"resource-not-closed": {`fs.openSync(p)`, `open(p)`, `fs.promises.open(p)`, `createReadStream(p)`, `net.connect(1)`,
			`mysql.createConnection(o)`, `pool.getConnection()`, `redis.createClient()`, `new WebSocket(u)`,
			`new EventSource(u)`, `new BroadcastChannel(n)`, `new Worker(u)`, `new Pool()`, `new pg.Client()`,
			`new MongoClient(u)`, `new Redis()`, `import IORedis from "ioredis"`},
	}
	for _, r := range rules.All() {
		for _, c := range calls[r.ID] {
			if !apis.Covered(c, r.Needles) {
				t.Errorf("%s: the prefilter would skip a file with %s (needles %q)", r.ID, c, r.Needles)
			}
		}
		delete(calls, r.ID)
	}
	if len(calls) != 0 {
		t.Errorf("no such rules: %v", calls)
	}
	// A renamed default import of a resource class is found by its module.
	for _, r := range rules.All() {
		if r.ID == "resource-not-closed" && !apis.Covered(`import WS from "ws"; new WS(u)`, r.Needles) {
			t.Errorf("%s: needles %q miss a renamed ws import", r.ID, r.Needles)
		}
	}
}

// NewEngine now validates its rules; these show what that adds to building
// an engine (the language server builds one per configuration change).
func BenchmarkNewEngine(b *testing.B) {
	for b.Loop() {
		rules.NewEngine()
	}
}

func BenchmarkValidateRules(b *testing.B) {
	all := rules.All()
	for b.Loop() {
		if err := analyzer.ValidateRules(all); err != nil {
			b.Fatal(err)
		}
	}
}
