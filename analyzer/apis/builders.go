package apis

// DOM builder libraries build elements from a list of arguments, and some
// of those arguments are bindings the builder applies to the element it
// makes: grainjs's dom("button", dom.on("click", fn)) attaches fn to that
// new button and disposes the listener with it. dom.on(type, fn) reads
// like an emitter's on(), but it adds nothing to dom: each call binds to
// an element made by the same call, which nothing outlives.
var domBuilders = map[string]map[string]map[string]bool{
	// grainjs (Grist and its plugins): dom.on(type, fn, options) binds to
	// the element being built; dom.onElem(elem, type, fn), which attaches
	// at once to an element it is given, is not listed.
	"grainjs": {"dom": {"on": true}},
}

// BuilderBinding reports a method of a DOM builder library's export that
// returns a binding for the element being built rather than adding a
// listener to the export itself (grainjs: dom.on).
func BuilderBinding(module, export, method string) bool {
	return domBuilders[module][export][method]
}

// Some libraries hand the instance an init call creates to a callback the
// caller puts in that call's options: tinymce.init({ setup(editor) {...} })
// calls setup with the editor it makes for this call. What the callback
// registers on its parameter is on that new instance, which dies with it
// (editor.remove() takes its handlers along), like one the caller made.
var instanceCallbacks = map[string]map[string]bool{
	// TinyMCE: setup runs before the editor renders, init_instance_callback
	// once it has.
	"tinymce.init": {"setup": true, "init_instance_callback": true},
}

// InstanceCallback reports an option of an init call (named by its
// callee's last two parts, "tinymce.init") whose callback receives the
// instance that call creates.
func InstanceCallback(callee, option string) bool { return instanceCallbacks[callee][option] }
