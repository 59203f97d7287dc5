// Shape: node-racing-once, fixed: whichever event wins removes the other
// listener.
const connection = require("./connection");

function writeWhenDrained(chunk) {
  if (connection.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      connection.off("error", onError);
      resolve();
    };
    const onError = (err) => {
      connection.off("drain", onDrain);
      reject(err);
    };
    connection.once("drain", onDrain);
    connection.once("error", onError);
  });
}

module.exports = { writeWhenDrained };
