package apis

import (
	"regexp"
	"slices"
)

// UnsubscriberHelpers are subscribing calls outside the method table (a
// free function, or a method with its own name) whose result is an
// unsubscribe function, or a Promise of one, that ends the subscription
// when called. Their source outlives any component (one connection for the
// whole application), so a subscription the owner keeps and never ends at
// teardown leaks.
type UnsubscriberHelpers struct {
	// Functions matches the name of a free function that subscribes
	// (`subscribeForecast(hass, ...)`).
	Functions *regexp.Regexp
	// Methods subscribe when called on a handle (`conn.subscribeEvents`).
	Methods []string
	// Handles are the last names of the expressions a subscription goes
	// through: a function's first argument (`this.hass!`,
	// `this.hass.connection`) or a method's receiver. Without one, a
	// subscribeX() is somebody else's function.
	Handles []string
	// Vendor names the API in messages.
	Vendor string
}

// unsubscriberHelpers are the known families.
var unsubscriberHelpers = []UnsubscriberHelpers{
	// Home Assistant's websocket client (home-assistant-js-websocket,
	// lib/connection.ts): Connection#subscribeEvents(callback, eventType)
	// and Connection#subscribeMessage(callback, message) return
	// Promise<SubscriptionUnsubscribe>; its collections export
	// subscribeEntities(conn, cb), subscribeConfig(conn, cb) and friends,
	// which return an UnsubscribeFunc. The frontend
	// (home-assistant/frontend, src/data/*.ts) wraps every websocket
	// subscription in a subscribeXxx(hass, ...) helper over
	// hass.connection.subscribeMessage, e.g. subscribeForecast in
	// src/data/weather.ts; its fix 1e911bd189 ("Unsubscribe on
	// disconnect") calls the kept function in disconnectedCallback.
	{Functions: regexp.MustCompile(`^subscribe[A-Z]\w*$`),
		Methods: []string{"subscribeEvents", "subscribeMessage"},
		Handles: []string{"hass", "connection", "conn"},
		Vendor:  "Home Assistant's"},
}

// UnsubscriberHelpersFor returns the family a call named name subscribes
// through, given the last name of its handle (the first argument of a
// function, the receiver of a method).
func UnsubscriberHelpersFor(name string, method bool, handle string) (UnsubscriberHelpers, bool) {
	for _, h := range unsubscriberHelpers {
		if !slices.Contains(h.Handles, handle) {
			continue
		}
		if method && slices.Contains(h.Methods, name) || !method && h.Functions.MatchString(name) {
			return h, true
		}
	}
	return UnsubscriberHelpers{}, false
}
