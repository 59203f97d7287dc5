package lifecycle

// Subscriptions says, for one convention, what a subscribe() call in its
// owners returns when the call's own shape does not say, and how a fix
// ends a subscription there. The subscription rule reads it instead of
// knowing frameworks.
type Subscriptions struct {
	// Style is what subscribe() returns in the owner's code.
	Style SubscribeStyle
	// End, when set, is the pipe operator that ends a subscription with
	// the owner: a fix ends the pipe (with the takeUntil notifier the
	// class already uses, or with End) instead of keeping the
	// subscription.
	End *EndOperator
}

// SubscribeStyle is what a subscribe() call in an owner returns.
type SubscribeStyle uint8

const (
	// StyleByCode: the call, its receiver and the file's imports decide.
	StyleByCode SubscribeStyle = iota
	// StyleRx: every subscribe() returns an RxJS Subscription (Angular
	// hands out Observables from its HTTP client, router, forms and
	// stores).
	StyleRx
	// StyleStore: a subscribe(callback) with one callback, on a receiver
	// that looks like nothing else, is a store's and returns the
	// unsubscribe function (Svelte's store contract, which `$store`
	// auto-subscription also follows); an observer object or a second
	// callback still means RxJS.
	StyleStore
)

// EndOperator is a pipe operator that ends a subscription when its owner
// is destroyed (Angular's takeUntilDestroyed).
type EndOperator struct {
	// Name is the operator, imported from Module.
	Name, Module string
	// Ref is what the operator takes outside the class's construction
	// (its constructor and field initialisers, where it finds it by
	// itself): a field a fix injects with Inject. Both come from
	// RefModule.
	Ref, Inject, RefModule string
	// Package and Since: the operator exists from major version Since of
	// Package. Without the project's package.json, a file that imports
	// from one of SinceModules, or one of SinceNames from RefModule, is
	// taken to be recent enough.
	Package     string
	Since       int
	SinceModule []string
	SinceNames  []string
}

// angularSubscriptions: Angular code subscribes to Observables and ends
// them with takeUntilDestroyed (Angular 16 and later).
var angularSubscriptions = Subscriptions{
	Style: StyleRx,
	End: &EndOperator{
		Name: "takeUntilDestroyed", Module: "@angular/core/rxjs-interop",
		Ref: "DestroyRef", Inject: "inject", RefModule: "@angular/core",
		Package: "@angular/core", Since: 16,
		SinceModule: []string{"@angular/core/rxjs-interop"},
		SinceNames: []string{"inject", "DestroyRef", "signal", "computed", "effect", "input", "output", "model",
			"viewChild", "viewChildren", "contentChild", "contentChildren"},
	},
}

// svelteSubscriptions: what Svelte code subscribes to is a store.
var svelteSubscriptions = Subscriptions{Style: StyleStore}
