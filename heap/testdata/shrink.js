// Cuts a real heap snapshot down to its first N nodes plus a few closures
// with source locations and what they point to, two steps deep (edges to
// dropped nodes removed, nodes and strings renumbered), so fuzz seeds stay
// small but keep the exact layout and meta Node writes. Usage:
//   node shrink.js IN.heapsnapshot OUT.heapsnapshot N
'use strict';
const fs = require('fs');
const [inPath, outPath, keepArg] = process.argv.slice(2);
const snap = JSON.parse(fs.readFileSync(inPath, 'utf8'));
const meta = snap.snapshot.meta;
const nf = meta.node_fields.length, ef = meta.edge_fields.length;
const iEdges = meta.node_fields.indexOf('edge_count'), iName = meta.node_fields.indexOf('name');
const iTo = meta.edge_fields.indexOf('to_node'), iEdgeName = meta.edge_fields.indexOf('name_or_index');
const iType = meta.edge_fields.indexOf('type');
const named = new Set(meta.edge_types[0].map((t, i) => (t === 'element' || t === 'hidden') ? -1 : i).filter((i) => i >= 0));
const count = snap.nodes.length / nf;
const first = [0];
for (let n = 0; n < count; n++) first.push(first[n] + snap.nodes[n * nf + iEdges]);
const children = (n) => {
  const out = [];
  for (let e = first[n]; e < first[n + 1]; e++) out.push(snap.edges[e * ef + iTo] / nf);
  return out;
};
const kept = new Set();
for (let n = 0; n < Math.min(Number(keepArg), count); n++) kept.add(n);
const lf = meta.location_fields.length, iObj = meta.location_fields.indexOf('object_index');
for (let l = 0, taken = 0; l < snap.locations.length && taken < 8; l += lf * 397, taken++) {
  const n = snap.locations[l + iObj] / nf;
  kept.add(n);
  for (const c of children(n)) { kept.add(c); for (const d of children(c)) kept.add(d); }
}
const order = [...kept].sort((a, b) => a - b);
const newIndex = new Map(order.map((n, i) => [n, i]));
const strings = [], stringIndex = new Map();
const str = (i) => {
  if (!stringIndex.has(i)) { stringIndex.set(i, strings.length); strings.push(snap.strings[i].slice(0, 200)); }
  return stringIndex.get(i);
};
const nodes = [], edges = [];
for (const n of order) {
  let keptEdges = 0;
  for (let e = first[n]; e < first[n + 1]; e++) {
    const to = snap.edges[e * ef + iTo] / nf;
    if (!newIndex.has(to)) continue;
    const edge = snap.edges.slice(e * ef, e * ef + ef);
    if (named.has(edge[iType])) edge[iEdgeName] = str(edge[iEdgeName]);
    edge[iTo] = newIndex.get(to) * nf;
    edges.push(...edge);
    keptEdges++;
  }
  const node = snap.nodes.slice(n * nf, n * nf + nf);
  node[iName] = str(node[iName]);
  node[iEdges] = keptEdges;
  nodes.push(...node);
}
const locations = [];
for (let l = 0; l < snap.locations.length; l += lf) {
  const n = snap.locations[l + iObj] / nf;
  if (newIndex.has(n)) {
    const loc = snap.locations.slice(l, l + lf);
    loc[iObj] = newIndex.get(n) * nf;
    locations.push(...loc);
  }
}
const out = { snapshot: { meta, node_count: nodes.length / nf, edge_count: edges.length / ef, trace_function_count: 0 },
  nodes, edges, trace_function_infos: [], trace_tree: [], samples: [], locations, strings };
fs.writeFileSync(outPath, JSON.stringify(out));
