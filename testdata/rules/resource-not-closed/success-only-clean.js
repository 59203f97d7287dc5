// Probes whose client is closed whether the operation succeeds or fails.
const { createClient } = require("redis");
const { MongoClient } = require("mongodb");

// Closed in .finally: it runs either way.
function probeFinally(url) {
  return new Promise((resolve, reject) => {
    const cache = createClient({ url });
    cache.connect().then(() => {
      cache
        .ping()
        .then((reply) => {
          cache.quit();
          resolve(reply);
        })
        .catch(reject)
        .finally(() => cache.disconnect());
    });
  });
}

// The rejection handler closes it too.
function probeBothWays(url) {
  return new Promise((resolve, reject) => {
    const cache = createClient({ url });
    cache.connect().then(() => {
      cache
        .ping()
        .then((reply) => {
          cache.quit();
          resolve(reply);
        })
        .catch((err) => {
          cache.disconnect();
          reject(err);
        });
    });
  });
}

// The rejection handler is given the client: it may close it.
function probeHandedOn(url, onFailure) {
  const mongo = new MongoClient(url);
  mongo
    .db("admin")
    .command({ ping: 1 })
    .then(
      () => mongo.close(),
      (err) => onFailure(mongo, err),
    );
}

// No rejection handler here: the failure is not swallowed by this chain.
function probeUnhandled(url) {
  const cache = createClient({ url });
  return cache.connect().then(() => cache.ping().then(() => cache.quit()));
}

// Closed in the function itself after awaiting the operation in try/finally.
async function probeAwait(url) {
  const mongo = new MongoClient(url);
  try {
    await mongo.db("admin").command({ ping: 1 });
  } finally {
    await mongo.close();
  }
}

module.exports = { probeFinally, probeBothWays, probeHandedOn, probeUnhandled, probeAwait };
