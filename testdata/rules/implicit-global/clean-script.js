/* globals Sentry, analytics:writable */
/*global legacyConfig*/
// Accepted shapes in a sloppy-mode script: nothing here is reported.

var counter = 0;
let ready = false;
const settings = {};

function init(options) {
  var i;
  for (i = 0; i < 3; i++) counter++;
  options = options || {};
  ready = true;
  for (let j = 0; j < 2; j++) counter += j;
  for (var k in settings) counter++;
  for (const v of [1, 2]) counter += v;
  try {
    JSON.parse("{");
  } catch (err) {
    err = null;
  }
  hoisted = 1;
  var hoisted;
}

// Host globals that exist already.
onload = init;
onmessage = function (event) {
  console.log(event.data);
};
name = "main-window";
status = "ready";
location = "#top";

// Polyfills replace existing built-ins on purpose.
if (!window.Promise) {
  Promise = window.ES6Promise;
}
fetch = fetch || function () {};

// Declared by comments.
Sentry = window.Sentry || null;
analytics = [];
legacyConfig = { debug: true };

// Deliberate globals.
window.App = {};
App = window.App;
if (typeof Tracker === "undefined") {
  Tracker = {};
}
MyLib = MyLib || {};
globalThis.queue = [];
queue = globalThis.queue;

// Members never create implicit globals.
window.lastUpdate = Date.now();
settings.theme = "dark";

// Strict code throws instead: not this rule.
function strictHelper() {
  "use strict";
  strictValue = 1;
}

class Store {
  load() {
    loaded = true;
  }
}

// with() may resolve the name on the object.
with (settings) {
  theme = "light";
}

// CommonJS exports.
if (typeof module !== "undefined") {
  module.exports = { init: init };
  exports = module.exports;
}
