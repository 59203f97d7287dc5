package caches_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/caches"
)

// Realistic files with no unbounded cache: component state, bounded caches,
// caches that are cleared, caches of a fixed key set.
var cleanSources = map[string]string{
	"Avatar.jsx": `import { useEffect, useMemo, useRef, useState } from "react";

const sizes = new Map();
sizes.set("small", 24);
sizes.set("large", 64);

export function Avatar({ user, size = "small" }) {
  const cache = useRef(new Map());
  const [src, setSrc] = useState(null);
  useEffect(() => {
    if (!cache.current.has(user.id)) cache.current.set(user.id, "/avatars/" + user.id);
    setSrc(cache.current.get(user.id));
  }, [user.id]);
  const px = useMemo(() => sizes.get(size), [size]);
  return <img src={src} width={px} height={px} />;
}
`,
	"useSearch.ts": `import { ref, watch, onScopeDispose } from "vue";

const results = new Map<string, string[]>();

export function useSearch(query: { value: string }) {
  const items = ref<string[]>([]);
  watch(query, async (q) => {
    const cached = results.get(q.value);
    if (cached) {
      items.value = cached;
      return;
    }
    const res = await fetch("/search?q=" + encodeURIComponent(q.value));
    const found: string[] = await res.json();
    results.set(q.value, found);
    items.value = found;
  });
  onScopeDispose(() => results.clear());
  return items;
}
`,
	"server.mjs": `import http from "node:http";
import { LRUCache } from "lru-cache";

const pages = new LRUCache({ max: 500 });
const inFlight = new Map();

async function render(url) {
  if (inFlight.has(url)) return inFlight.get(url);
  const job = build(url).finally(() => inFlight.delete(url));
  inFlight.set(url, job);
  return job;
}

http.createServer(async (req, res) => {
  let html = pages.get(req.url);
  if (!html) {
    html = await render(req.url);
    pages.set(req.url, html);
  }
  res.end(html);
}).listen(8080);

async function build(url) {
  return "<h1>" + url + "</h1>";
}
`,
	"toast.service.ts": `import { Injectable } from "@angular/core";

@Injectable({ providedIn: "root" })
export class ToastService {
  private readonly queue: string[] = [];

  show(message: string) {
    this.queue.push(message);
    if (this.queue.length > 5) this.queue.shift();
  }
}
`,
}

func TestRealisticCleanFiles(t *testing.T) {
	for path, src := range cleanSources {
		res := analysistest.Analyze(t, caches.Unbounded, path, src)
		if len(res.SyntaxErrors) > 0 {
			t.Errorf("%s: syntax error at byte %d", path, res.SyntaxErrors[0].Start)
		}
		for _, d := range res.Diagnostics {
			t.Errorf("%s: unexpected finding at byte %d: %s", path, d.Start, d.Message)
		}
	}
}
