// A most-recent list per view, cut to twenty ids each time it is written:
// a short list per view the user picked from, kept to sort the picker.
const recentRowsByView = new Map<string, string[]>();

export function rememberRecentRow(viewId: string, rowId: string): void {
  const previous = recentRowsByView.get(viewId) ?? [];
  const next = [rowId, ...previous.filter((id) => id !== rowId)].slice(0, 20);
  recentRowsByView.set(viewId, next);
}

const MAX_RECENT = 10;
const recentSearches: Record<string, string[]> = {};

export function rememberSearch(folderId: string, query: string): void {
  recentSearches[folderId] = [query, ...(recentSearches[folderId] ?? [])].slice(0, MAX_RECENT);
}

export function recentRows(viewId: string): string[] {
  return recentRowsByView.get(viewId) ?? [];
}
