"use strict";

// Under "use strict" these throw a ReferenceError instead of creating a
// global: nothing to report here.
function loadConfig(dir) {
  file = dir + "/config.json";
  return file;
}

module.exports = { loadConfig };
