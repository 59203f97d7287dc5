// Health checks that close their client when the probe succeeds and forget
// it when the probe fails: every failed check leaves a connection open.
const { createClient } = require("redis");
const { MongoClient } = require("mongodb");

function probeCache(url) {
  return new Promise((resolve, reject) => {
    const cache = createClient({ url }); // want "resource-not-closed: Redis client from createClient\(\) is closed only when cache.ping\(\) succeeds: the rejection handler at line 16"
    cache.connect().then(() => {
      cache
        .ping()
        .then((reply) => {
          cache.quit();
          resolve(reply);
        })
        .catch((err) => reject(err));
    });
  });
}

// The rejection handler is the caller's callback, which never sees the client.
function probeStore(url, done) {
  const mongo = new MongoClient(url); // want "resource-not-closed: MongoClient is closed only when mongo.db\(.admin.\).command\(\) succeeds: the rejection handler at line 30"
  mongo
    .db("admin")
    .command({ ping: 1 })
    .then(() => {
      mongo.close();
      done(null, "up");
    }, done);
}

module.exports = { probeCache, probeStore };
