package facts

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestUnconditionalElements(t *testing.T) {
	for _, tc := range []struct {
		name, tpl string
		want      []string
	}{
		{"plain", `<app-header></app-header><main><router-outlet></router-outlet></main><app-footer/>`,
			[]string{"app-footer", "app-header", "main", "router-outlet"}},
		{"structural directive", `<app-header *ngIf="user"><app-avatar></app-avatar></app-header><app-footer></app-footer>`,
			[]string{"app-footer"}},
		{"ng-template and ng-container", `<ng-template #t><app-menu></app-menu></ng-template><ng-container *ngFor="let x of xs"><app-row></app-row></ng-container><app-shell-bar></app-shell-bar>`,
			[]string{"app-shell-bar"}},
		{"control flow", "@if (user) {\n<app-header></app-header>\n} @else if (guest) {\n<app-guest></app-guest>\n} @else {\n<app-login></app-login>\n}\n@for (x of xs; track x.id) { <app-row/> } @empty { <app-none/> }\n@defer (on viewport) { <app-chart/> } @placeholder { <p>...</p> }\n<app-footer></app-footer>",
			[]string{"app-footer"}},
		{"switch", `@switch (mode) { @case ('a') { <app-a/> } @default { <app-b/> } }<app-c></app-c>`,
			[]string{"app-c"}},
		{"braces and at-signs in text", `<p>{{ user?.name }} writes to help@example.com {{ '}' }}</p><app-status></app-status>`,
			[]string{"app-status", "p"}},
		{"attributes with > and quotes", `<app-a [title]="x > 1 ? 'a*b' : '>'" data-x='*ngIf'></app-a><img src="a.png"><app-b></app-b>`,
			[]string{"app-a", "app-b", "img"}},
		{"comment hides elements", `<!-- <app-old></app-old> --><app-new></app-new>`,
			[]string{"app-new"}},
		{"unterminated tag ends the scan", `<app-a></app-a><app-b [x]="1"`,
			[]string{"app-a"}},
		{"block closes elements left open in it", `@if (x) { <div><app-a> } <app-b></app-b>`,
			[]string{"app-b"}},
		{"case is folded", `<App-Header></App-Header>`, []string{"app-header"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for tag := range unconditionalElements(tc.tpl) {
				got = append(got, tag)
			}
			sort.Strings(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// angularApp is an Angular CLI layout: the root component in src/app, a
// header in its template, a feature component deeper down.
func angularApp(template string) mapFS {
	return mapFS{
		"/p/package.json":                           `{"name":"p"}`,
		"/p/src/app/app.component.ts":               `@Component({ selector: 'app-root', templateUrl: './app.component.html' }) export class AppComponent {}`,
		"/p/src/app/app.component.html":             template,
		"/p/src/app/nav/header.component.ts":        `@Component({ selector: 'app-header' }) export class HeaderComponent {}`,
		"/p/src/app/feature/list/list.component.ts": `@Component({ selector: 'app-list' }) export class ListComponent {}`,
	}
}

func TestAppShell(t *testing.T) {
	fs := angularApp(`<app-header></app-header><router-outlet></router-outlet><app-list *ngIf="x"></app-list>`)
	p := NewProgram("/p", fs, nil)
	v := p.For("/p/src/app/nav/header.component.ts")
	if !v.InAppShell("app-header") {
		t.Error("app-header is rendered unconditionally by the root template: want it in the shell")
	}
	if v.InAppShell("app-list") {
		t.Error("app-list is rendered under *ngIf: want it outside the shell")
	}
	if !p.For("/p/src/app/feature/list/list.component.ts").InAppShell("app-header") {
		t.Error("a file two folders below src/app finds the same root component")
	}

	// The template changes on disk: the shell follows once told.
	fs["/p/src/app/app.component.html"] = `@if (signedIn) { <app-header></app-header> }`
	if !v.InAppShell("app-header") {
		t.Error("the shell changed before the program was told the template changed")
	}
	p.Invalidate("/p/src/app/app.component.html")
	if v.InAppShell("app-header") {
		t.Error("after the template changed to @if, app-header is still in the shell")
	}
}

func TestAppShellInlineTemplateAndAngular20Names(t *testing.T) {
	fs := mapFS{
		"/p/src/app/app.ts":             "@Component({ selector: 'ng-root', template: `<ng-sidebar/>@if (x) {<ng-panel/>}` }) export class App {}",
		"/p/src/app/sidebar/sidebar.ts": `@Component({ selector: 'ng-sidebar' }) export class Sidebar {}`,
	}
	v := NewProgram("/p", fs, nil).For("/p/src/app/sidebar/sidebar.ts")
	if !v.InAppShell("ng-sidebar") || v.InAppShell("ng-panel") {
		t.Errorf("inline template: ng-sidebar in shell = %v (want true), ng-panel = %v (want false)", v.InAppShell("ng-sidebar"), v.InAppShell("ng-panel"))
	}
}

func TestAppShellNeedsARootComponent(t *testing.T) {
	// app.component.ts that is not a root (no -root selector), and no
	// Angular at all: nothing is in a shell.
	fs := mapFS{
		"/p/src/app/app.component.ts":   `@Component({ selector: 'app-widget', templateUrl: './app.component.html' }) export class AppComponent {}`,
		"/p/src/app/app.component.html": `<app-header></app-header>`,
		"/q/src/header.ts":              `export class Header {}`,
	}
	if NewProgram("/p", fs, nil).For("/p/src/app/x.component.ts").InAppShell("app-header") {
		t.Error("a component whose selector is not a root's has no shell")
	}
	if NewProgram("/q", fs, nil).For("/q/src/header.ts").InAppShell("app-header") {
		t.Error("a project without a root component has no shell")
	}
}

// A cached result of a component must be dropped when the shell changes:
// the digest covers the root component and its template, for components
// only.
func TestAppShellInDigest(t *testing.T) {
	fs := angularApp(`<app-header></app-header>`)
	p := NewProgram("/p", fs, nil)
	header := []byte(fs["/p/src/app/nav/header.component.ts"])
	before, deps := p.DigestDeps("/p/src/app/nav/header.component.ts", header)
	if !deps["/p/src/app/app.component.html"] || !deps["/p/src/app/app.component.ts"] {
		t.Errorf("deps %v: want the root component and its template", deps)
	}
	plain := []byte(`export const x = 1;`)
	plainBefore := p.Digest("/p/src/app/nav/util.ts", plain)

	fs["/p/src/app/app.component.html"] = `<div *ngIf="x"><app-header></app-header></div>`
	p.Invalidate("/p/src/app/app.component.html")
	if after := p.Digest("/p/src/app/nav/header.component.ts", header); after == before {
		t.Error("the template changed but a component's digest did not")
	}
	if p.Digest("/p/src/app/nav/util.ts", plain) != plainBefore {
		t.Error("a file without a component depends on the shell")
	}
	if strings.Contains(string(plain), "@Component") {
		t.Fatal("test input is wrong")
	}
}
