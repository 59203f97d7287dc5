// The same shapes when the bound itself comes from outside: the array is
// as long as the largest count anyone sends.
const rows = [];

export function ensureRows(req) {
  for (let i = rows.length; i < req.query.count; i++) {
    rows.push({ index: i, label: req.query.label }); // want "unbounded-cache: module-level array `rows` only grows: ensureRows\(\) adds an element on every call"
  }
  return rows.slice(0, req.query.count);
}

const events = [];

export function onEvent(event) {
  if (events.length < event.limit) events.push(event); // want "unbounded-cache: module-level array `events` only grows: onEvent\(\) adds an element on every call"
}

export function eventCount() {
  return events.length;
}
