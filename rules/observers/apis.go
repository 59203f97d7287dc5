package observers

import "github.com/leakwatch/leakwatch/analyzer/apis"

// observerAPIs is the part of the registration API table the rule follows.
var observerAPIs = apis.Use{Family: apis.Observer}

// observerTypes are the observer constructors; the value says whether
// observe() takes an element (which may be local) rather than options.
var observerTypes = constructors(observerAPIs)

func constructors(u apis.Use) map[string]bool {
	m := map[string]bool{}
	for _, a := range apis.Builtin().Select(u) {
		for _, n := range a.Adders {
			m[n] = a.ElementTargets
		}
	}
	return m
}
