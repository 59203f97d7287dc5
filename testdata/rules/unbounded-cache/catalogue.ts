// A cache of images fetched per user id is not a catalogue the app ships:
// it grows with the users seen.
const avatarCache = new Map<string, string>();

export async function getAvatar(userId: string): Promise<string> {
  const cached = avatarCache.get(userId);
  if (cached) return cached;
  const res = await fetch(`/avatars/${userId}.png`);
  const url = URL.createObjectURL(await res.blob());
  avatarCache.set(userId, url); // want "unbounded-cache: module-level Map `avatarCache` only grows: getAvatar\(\) adds an entry for every new key \(keyed by `userId`\)"
  return url;
}

// "icon" inside a word is not an icon set.
const lexiconEntries = new Map<string, string[]>();

export function addSenses(wordId: string, senses: string[]): void {
  lexiconEntries.set(wordId, senses); // want "unbounded-cache: module-level Map `lexiconEntries` only grows: addSenses\(\) adds an entry for every new key \(keyed by `wordId`\)"
}
