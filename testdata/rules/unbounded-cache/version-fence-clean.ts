// Version fences: a number per key that work in flight compares against
// when it completes. Dropping an entry would reset the number and let a
// stale result through, so they are kept on purpose and stay silent.
const cellGenerations = new Map<string, number>();
const summaries = new Map<string, { text: string; generation: number }>();
const rowEpochs = new Map<string, number>();
const docRevisions: Record<string, number> = {};

function generationOf(cellId: string) {
  return cellGenerations.get(cellId) ?? 0;
}

export function invalidateCell(cellId: string) {
  const next = generationOf(cellId) + 1;
  cellGenerations.set(cellId, next);
  summaries.delete(cellId);
}

export async function summarize(cellId: string, load: (id: string) => Promise<string>) {
  const generation = generationOf(cellId);
  const text = await load(cellId);
  if (generation === generationOf(cellId)) summaries.set(cellId, { text, generation });
  return text;
}

export function resetRow(rowId: string) {
  rowEpochs.set(rowId, (rowEpochs.get(rowId) || 0) + 1);
}

export function isCurrent(rowId: string, epoch: number) {
  return epoch === (rowEpochs.get(rowId) ?? 0);
}

export function bumpDocument(docId: string) {
  docRevisions[docId] = (docRevisions[docId] ?? 0) + 1;
}
