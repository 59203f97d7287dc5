import { readFileSync } from "node:fs";

// ES modules are strict: the assignment throws rather than leaking.
export function loadConfig(dir) {
  file = dir + "/config.json";
  return JSON.parse(readFileSync(file, "utf8"));
}
