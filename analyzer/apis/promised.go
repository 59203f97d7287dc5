package apis

import "strings"

// PromisedDisposer is a subscribing method whose result is a Promise of the
// handle that undoes the subscription, not the handle itself. An effect or
// onMount callback that returns its result hands the framework a promise,
// which React and Svelte ignore: the subscription is never closed.
type PromisedDisposer struct {
	// Method subscribes (`realtime.subscribe(channels, callback)`).
	Method string
	// Class is the service's class (`new Realtime(client)`), imported from
	// one of Modules.
	Class string
	// Member is the name the SDK's own documentation and its users give
	// the service instance when it hangs off another object
	// (`sdk.forProject(...).realtime`). A bare variable of that name is not
	// enough: the older API's Client is often kept in one, and its
	// subscribe returns a plain unsubscribe function.
	Member string
	// Modules are the packages that export Class; Scopes are npm scopes
	// only the vendor publishes under. A file importing from either, or a
	// project depending on one of Modules, uses the vendor's SDK, which
	// is what lets Member stand for the service.
	Modules []string
	Scopes  []string
	// Close is the method of the resolved handle that ends the
	// subscription.
	Close string
	// Vendor names the SDK in messages.
	Vendor string
}

// promisedDisposers are the APIs known to return a promise of their
// disposer.
var promisedDisposers = []PromisedDisposer{
	// Appwrite's Realtime service (appwrite/sdk-for-web and the console
	// SDK @appwrite.io/console, src/services/realtime.ts):
	// `subscribe(channels, callback): Promise<RealtimeSubscription>`, whose
	// `close()` ends it. The older `client.subscribe(channels, callback)`
	// returns an unsubscribe function and is not listed. The Appwrite
	// console's fix 52c5833 ("fix: leaking wss") keeps the resolved
	// subscription with `.then(...)` and closes it in onMount's cleanup.
	{Method: "subscribe", Class: "Realtime", Member: "realtime",
		Modules: []string{"appwrite", "@appwrite.io/console"}, Scopes: []string{"@appwrite.io/"},
		Close: "close", Vendor: "Appwrite's Realtime"},
}

// PromisedDisposers returns the APIs whose subscribe returns a promise of
// the disposer.
func PromisedDisposers() []PromisedDisposer { return promisedDisposers }

// Vouches reports whether importing module says the file uses d's SDK.
func (d PromisedDisposer) Vouches(module string) bool {
	for _, m := range d.Modules {
		if module == m || strings.HasPrefix(module, m+"/") {
			return true
		}
	}
	for _, s := range d.Scopes {
		if strings.HasPrefix(module, s) {
			return true
		}
	}
	return false
}
