package apis

import "strings"

// Libraries whose functions make a new object on every call, which
// listeners are then put on: d3's behaviours, simulations and detached
// elements (d3.zoom(), d3.forceSimulation(nodes), d3.create("svg")). A
// component that makes one and listens on it owns the object, and
// listener and object go together; what d3.select(window) or
// d3.select("body") reaches is not made, only found.
var madeByLibrary = map[string]map[string]bool{
	"d3": {
		"create": true, "forceSimulation": true, "zoom": true, "drag": true,
		"brush": true, "brushX": true, "brushY": true, "dispatch": true,
	},
	"d3-selection": {"create": true},
	"d3-force":     {"forceSimulation": true},
	"d3-zoom":      {"zoom": true},
	"d3-drag":      {"drag": true},
	"d3-brush":     {"brush": true, "brushX": true, "brushY": true},
	"d3-dispatch":  {"dispatch": true},
}

// MakesNew reports an export of a library module that returns a new
// object each call.
func MakesNew(module, export string) bool { return madeByLibrary[module][export] }

// D3Module reports d3 or one of its parts (d3-selection, d3-force, ...).
func D3Module(module string) bool { return module == "d3" || strings.HasPrefix(module, "d3-") }

// D3Finder reports d3's functions that find nodes already in the
// document (d3.select(el), d3.selectAll(".x")) rather than make them.
func D3Finder(export string) bool { return export == "select" || export == "selectAll" }

// D3ChildMaker reports a method of a d3 selection that makes new elements
// under the selection's nodes and returns them (selection.append("g")).
// jQuery's append returns its receiver instead, so the reading holds on
// d3 values only.
func D3ChildMaker(method string) bool { return method == "append" || method == "insert" }

// D3LeadsOut reports a method of a d3 value that returns something it does
// not own: the DOM node under a selection, whose parents and document lead
// further out.
func D3LeadsOut(method string) bool { return method == "node" || method == "nodes" }
