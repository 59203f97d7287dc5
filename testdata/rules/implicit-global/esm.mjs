// .mjs files are ES modules even without import or export.
function loadConfig(dir) {
  file = dir + "/config.json";
  return file;
}
loadConfig(".");
