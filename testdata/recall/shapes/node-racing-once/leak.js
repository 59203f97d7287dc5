// Shape: node-racing-once (issue 13, item 6). Each call waits for the shared
// connection to drain, or to fail. once() removes a listener only when its
// own event fires, so when "drain" wins the "error" listener (and the
// reject it closes over) stays on the connection, one more per call.
// leakwatch reports listener-added-per-call at "<- leak".
const connection = require("./connection");

function writeWhenDrained(chunk) {
  if (connection.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    connection.once("drain", resolve);
    connection.once("error", reject); // <- leak
  });
}

module.exports = { writeWhenDrained };
