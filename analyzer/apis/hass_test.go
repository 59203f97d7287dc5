package apis

import "testing"

func TestUnsubscriberHelpersFor(t *testing.T) {
	cases := []struct {
		name   string
		method bool
		handle string
		want   bool
	}{
		{"subscribeForecast", false, "hass", true},       // subscribeForecast(this.hass!, ...)
		{"subscribeEntities", false, "connection", true}, // subscribeEntities(hass.connection, ...)
		{"subscribeEvents", true, "connection", true},    // this.hass.connection.subscribeEvents(...)
		{"subscribeMessage", true, "conn", true},
		{"subscribeFeed", false, "url", false},         // somebody else's subscribeX
		{"subscriber", false, "hass", false},           // not subscribe + a capitalised name
		{"subscribe", false, "hass", false},            // a bare subscribe(...) is the method table's
		{"subscribeForecast", true, "hass", false},     // as a method it is not the helper
		{"subscribeEvents", true, "emitter", false},    // only on the connection
		{"subscribeEvents", false, "connection", true}, // any subscribeX(conn, ...) function
	}
	for _, c := range cases {
		_, got := UnsubscriberHelpersFor(c.name, c.method, c.handle)
		if got != c.want {
			t.Errorf("UnsubscriberHelpersFor(%q, method=%v, %q) = %v, want %v", c.name, c.method, c.handle, got, c.want)
		}
	}
}
