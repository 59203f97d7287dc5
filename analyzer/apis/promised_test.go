package apis

import "testing"

// The vendor's packages and scope say a file uses its SDK; a look-alike
// name does not.
func TestPromisedDisposerVouches(t *testing.T) {
	var appwrite PromisedDisposer
	for _, d := range PromisedDisposers() {
		if d.Class == "Realtime" {
			appwrite = d
		}
	}
	if appwrite.Method != "subscribe" || appwrite.Close != "close" || appwrite.Member == "" {
		t.Fatalf("Appwrite's Realtime is not in the table: %+v", appwrite)
	}
	for module, want := range map[string]bool{
		"appwrite": true, "@appwrite.io/console": true, "@appwrite.io/pink-svelte": true, "appwrite/dist/esm": true,
		"appwrite-utils": false, "node-appwrite-x": false, "@supabase/realtime-js": false, "": false,
	} {
		if got := appwrite.Vouches(module); got != want {
			t.Errorf("Vouches(%q) = %v, want %v", module, got, want)
		}
	}
}
