// Node: caches user profiles in memory to spare the database.
import { db } from "./db.js";

const profiles = new Map();

export async function getProfile(userId) {
  const cached = profiles.get(userId);
  if (cached) return cached;
  const profile = await db.users.findById(userId);
  // Leak: entries are only ever added, one per user ever seen, so the
  // process grows until it runs out of memory.
  profiles.set(userId, profile);
  return profile;
}
