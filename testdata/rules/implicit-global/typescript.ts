// TypeScript reports undeclared names itself, and compiles to strict code.
declare const dir: string;
function loadConfig() {
  // @ts-ignore
  file = dir + "/config.json";
}
loadConfig();
