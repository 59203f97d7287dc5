// SVG text cached by icon id: the ids are the icon set the app ships, and
// keeping each fetched icon is the point of the cache.
const iconCache = new Map<string, string>();

export async function getIcon(id: string): Promise<string> {
  const cached = iconCache.get(id);
  if (cached) return cached;
  const res = await fetch(`/icons/${id}.svg`);
  const text = await res.text();
  iconCache.set(id, text);
  return text;
}

const emojiImages: Record<string, HTMLImageElement> = {};

export function emojiImage(emojiId: string): HTMLImageElement {
  return (emojiImages[emojiId] ??= Object.assign(new Image(), { src: `/emoji/${emojiId}.png` }));
}
