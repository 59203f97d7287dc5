package lifecycle

// luminoWidget: Lumino's widgets (JupyterLab, Theia) and the classes
// their applications derive from them. Disposing a widget that is attached
// detaches it first, which runs its onBeforeDetach and onAfterDetach: a
// listener a widget adds in onAfterAttach and takes off in onBeforeDetach,
// Lumino's own pattern, is removed when the widget ends. Hiding is not
// part of disposal, so a removal in onBeforeHide alone still is not.
var luminoWidget = &Convention{
	Name: "lumino-widget", Kind: Disposable,
	Bases:           luminoBases(),
	SetupMethods:    []string{"onAfterAttach", "onBeforeAttach"},
	TeardownMethods: []string{"dispose", "onBeforeDetach", "onAfterDetach"},
	LifetimeUnknown: true,
	// A widget that defines none of them is judged as before there was a
	// convention for it (no owner): new owners would bring findings the
	// convention does not make more likely.
	NeedsTeardown: true,
	// Every widget inherits dispose() from Widget.
	Where:   "in onBeforeDetach, or in dispose (an override of the inherited one that calls super.dispose())",
	Cleanup: Cleanup{Create: "dispose", SuperUnless: neverSuper, SuperLast: true},
}

// luminoBases are Lumino's widget classes, imported from Lumino or its
// predecessor Phosphor, and the widget bases JupyterLab and Theia build
// on.
func luminoBases() []Base {
	from := []string{"@lumino/widgets", "@phosphor/widgets"}
	var out []Base
	for _, n := range []string{"Widget", "Panel", "BoxPanel", "SplitPanel", "StackedPanel", "DockPanel",
		"TabPanel", "TabBar", "Menu", "MenuBar", "ScrollBar", "AccordionPanel", "GridLayout"} {
		out = append(out, Base{Name: n, From: from})
	}
	for _, n := range []string{"ReactWidget", "VDomRenderer", "MainAreaWidget", "Toolbar"} {
		out = append(out, Base{Name: n, From: []string{"@jupyterlab/apputils", "@jupyterlab/ui-components"}})
	}
	for _, n := range []string{"BaseWidget", "ReactWidget"} {
		out = append(out, Base{Name: n, From: []string{"@theia/core/lib/browser", "@theia/core/lib/browser/widgets"}})
	}
	return out
}
