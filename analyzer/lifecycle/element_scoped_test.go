package lifecycle_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// TestElementScopedServices checks which @Injectable() classes own their
// registrations without an ngOnDestroy: those whose injections say a
// component provides them. The others live as long as the application.
func TestElementScopedServices(t *testing.T) {
	cases := []struct {
		name, src string
		owner     bool
	}{
		{"ElementRef parameter", `@Injectable() class S { constructor(private el: ElementRef<HTMLElement>) { reg(); } }`, true},
		{"ChangeDetectorRef field", `@Injectable() class S { private cdr = inject(ChangeDetectorRef); constructor() { reg(); } }`, true},
		{"@Inject(Renderer2)", `@Injectable() class S { constructor(@Inject(Renderer2) r: any) { reg(); } }`, true},
		{"parent instance", `@Injectable() class S { constructor(@SkipSelf() @Optional() private parent: S) { reg(); } }`, true},
		{"host instance", `@Injectable() class S { constructor(@Host() private parent: S) { reg(); } }`, true},
		{"own class without @SkipSelf", `@Injectable() class S { constructor(@Optional() private parent: S) { reg(); } }`, false},
		{"other service from a parent", `@Injectable() class S { constructor(@SkipSelf() private menu: MenuService) { reg(); } }`, false},
		{"plain service", `@Injectable() class S { constructor(private http: HttpClient) { reg(); } }`, false},
		{"root service", `@Injectable({ providedIn: 'root' }) class S { constructor(private cfg: Config) { reg(); } }`, false},
		{"not injectable", `class S { constructor(private el: ElementRef) { reg(); } }`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, _, _ := ownerAt(t, syntax.TypeScript, c.src, "reg", lifecycle.Config{})
			if got := o != nil; got != c.owner {
				t.Fatalf("owner: got %v, want %v", got, c.owner)
			}
			if o == nil {
				return
			}
			if o.Kind != lifecycle.Angular || o.TeardownName != "ngOnDestroy" || o.Follows().Cleanup.Create != "ngOnDestroy" {
				t.Errorf("got %v with teardown %q (creates %q), want an Angular class ending in ngOnDestroy", o.Kind, o.TeardownName, o.Follows().Cleanup.Create)
			}
		})
	}
}
