// Node: caches user profiles in memory to spare the database.
import { db } from "./db.js";

const MAX_PROFILES = 10_000;
const profiles = new Map();

export async function getProfile(userId) {
  const cached = profiles.get(userId);
  if (cached) return cached;
  const profile = await db.users.findById(userId);
  if (profiles.size >= MAX_PROFILES) {
    // Maps iterate in insertion order: drop the oldest entry.
    profiles.delete(profiles.keys().next().value);
  }
  profiles.set(userId, profile);
  return profile;
}
