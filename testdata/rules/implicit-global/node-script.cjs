// A CommonJS script without "use strict": undeclared names become
// properties of Node's global object.
const fs = require("node:fs");
const path = require("node:path");

function loadConfig(dir) {
  file = path.join(dir, "config.json"); // want "implicit-global"
  raw = fs.readFileSync(file, "utf8"); // want "implicit-global"
  return JSON.parse(raw);
}

function handler(req, res) {
  body = ""; // want "implicit-global"
  req.on("data", (chunk) => {
    body += chunk;
  });
  req.on("end", () => {
    res.end(body.toUpperCase());
  });
}

module.exports = { loadConfig, handler };
