package report

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// WriteHTML writes a self-contained page: no scripts, styles or images
// from elsewhere, so it can be attached to an issue or opened offline.
func WriteHTML(w io.Writer, d *Document, title string) error {
	type groupView struct {
		Index    int
		G        *Group
		Path     []string
		Findings []Finding
	}
	view := struct {
		Title    string
		D        *Document
		Chart    template.HTML
		Groups   []groupView
		Live     string
		Evidence func(*Group) string
	}{Title: title, D: d, Chart: chart(d.Samples), Evidence: d.Evidence}
	var live []string
	for _, s := range d.Snapshots {
		live = append(live, FormatBytes(s.LiveBytes))
	}
	view.Live = strings.Join(live, " → ")
	for i := range d.Groups {
		g := &d.Groups[i]
		gv := groupView{Index: i + 1, G: g, Path: PathLines(g.Path)}
		for _, fi := range g.Findings {
			gv.Findings = append(gv.Findings, d.Findings[fi])
		}
		view.Groups = append(view.Groups, gv)
	}
	return page.Execute(w, view)
}

var page = template.Must(template.New("page").Funcs(template.FuncMap{"bytes": FormatBytes, "counts": counts}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
h1{font-size:1.4em} h2{font-size:1.1em;margin-top:1.6em}
table{border-collapse:collapse;width:100%} td,th{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{background:#f4f4f4} .num{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#f7f7f7;padding:.6em;overflow-x:auto;font-size:12px}
.verdict{padding:.6em 1em;border-left:4px solid #888;background:#fafafa}
.grows{border-color:#c0392b} .flat{border-color:#27ae60}
.confirmed{color:#c0392b;font-weight:600}
svg text{font-size:11px;fill:#555}
</style></head><body>
<h1>{{.Title}}</h1>
{{with .D.Growth}}<p class="verdict {{if .Sustained}}grows{{else}}flat{{end}}">{{.Reason}}</p>{{end}}
{{if .Chart}}<h2>Memory over time (after garbage collection)</h2>{{.Chart}}{{end}}
{{if .D.Method}}<h2>Leak groups ({{.D.Method}} comparison)</h2>
<p>Live heap in the snapshots: {{.Live}}.</p>{{end}}
{{range .D.Skipped}}<p>Skipped: {{.}}</p>{{end}}
{{if .Groups}}<table>
<tr><th>#</th><th>group</th><th class="num">new &amp; alive</th><th class="num">retained</th><th>count</th><th>site</th><th>held by</th></tr>
{{range .Groups}}<tr><td>{{.Index}}</td><td>{{.G.Label}}</td><td class="num">{{.G.Leaked}}</td><td class="num">{{bytes .G.Retained}}</td><td>{{counts .G.Counts}}</td>
<td>{{if .G.File}}<code>{{.G.File}}:{{.G.Line}}</code>{{end}}{{range .Findings}}<br><span class="confirmed">{{.Rule}}</span>: static finding confirmed at runtime{{end}}</td>
<td>{{range .G.Holders}}{{.Text}}<br>{{end}}</td></tr>{{end}}
</table>
{{range .Groups}}<h2>{{.Index}}. {{.G.Label}}</h2>
<p>{{call $.Evidence .G}}{{if .G.File}}; created at <code>{{.G.File}}:{{.G.Line}}</code> ({{.G.SiteReason}}){{end}}.</p>
{{range .Findings}}<p class="confirmed">{{.File}}:{{.Line}}:{{.Column}} {{.Rule}}: {{.Message}}</p>{{end}}
<pre>{{range .Path}}{{.}}
{{end}}</pre>{{end}}
{{else if .D.Method}}<p>No leak groups: nothing allocated in between grew and stayed alive.</p>{{end}}
<p><small>Written by leakwatch heap.</small></p>
</body></html>
`))

// chart draws the samples as inline SVG line charts, one per measure
// with its own scale: the JavaScript heap is often a tenth of the RSS and
// would look flat on a shared axis.
func chart(samples []Sample) template.HTML {
	if len(samples) < 2 {
		return ""
	}
	out := lineChart(samples, "JavaScript heap used", "#c0392b", func(s Sample) uint64 { return s.HeapUsed })
	hasRSS := false
	for _, s := range samples {
		hasRSS = hasRSS || s.RSS > 0
	}
	if hasRSS {
		out += lineChart(samples, "resident set size (RSS)", "#2980b9", func(s Sample) uint64 { return s.RSS })
	}
	return template.HTML(out)
}

func lineChart(samples []Sample, label, color string, get func(Sample) uint64) string {
	const w, h, left, bottom = 760.0, 200.0, 70.0, 30.0
	maxT := samples[len(samples)-1].Seconds
	if maxT <= 0 {
		maxT = 1
	}
	var maxY uint64
	for _, s := range samples {
		maxY = max(maxY, get(s))
	}
	maxY += maxY / 10
	if maxY == 0 {
		maxY = 1
	}
	x := func(t float64) float64 { return left + (w-left-10)*t/maxT }
	y := func(v uint64) float64 { return (h - bottom) - (h-bottom-10)*float64(v)/float64(maxY) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" role="img" aria-label="%s over time">`, w, h, template.HTMLEscapeString(label))
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#999"/>`, left, h-bottom, w-10, h-bottom)
	fmt.Fprintf(&b, `<line x1="%.0f" y1="10" x2="%.0f" y2="%.0f" stroke="#999"/>`, left, left, h-bottom)
	for i := 0; i <= 4; i++ {
		v := maxY * uint64(i) / 4
		fmt.Fprintf(&b, `<text x="4" y="%.1f">%s</text>`, y(v)+4, template.HTMLEscapeString(FormatBytes(v)))
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f">0 s</text><text x="%.0f" y="%.0f">%.0f s</text>`, left, h-8, w-50, h-8, maxT)
	b.WriteString(`<polyline fill="none" stroke="` + color + `" stroke-width="2" points="`)
	for i, s := range samples {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.1f,%.1f", x(s.Seconds), y(get(s)))
	}
	b.WriteString(`"/>`)
	fmt.Fprintf(&b, `<text x="%.0f" y="20" style="fill:%s">%s</text></svg>`, left+10, color, template.HTMLEscapeString(label))
	return b.String()
}
