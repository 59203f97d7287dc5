// Shape: resource-per-request. A route handler opens a new Redis connection on
// every request and hands it to a helper that only reads from it; nobody
// quits it. Passing a client to a query helper is not handing over ownership.
// leakwatch should report resource-not-closed at "<- leak".
const redis = require("./database/redis");

module.exports.get = function (req, res, next) {
  const client = redis.connect(); // <- leak
  redis.info(client, (err, info) => {
    if (err) return next(err);
    res.json(info);
  });
};
