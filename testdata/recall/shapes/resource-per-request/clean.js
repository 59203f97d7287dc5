// Shape: resource-per-request, cleaned: the shared client opened at startup
// is used instead of a connection per request.
const redis = require("./database/redis");

module.exports.get = function (req, res, next) {
  redis.info(redis.client, (err, info) => {
    if (err) return next(err);
    res.json(info);
  });
};
