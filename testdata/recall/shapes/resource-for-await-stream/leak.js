// Shape: resource-for-await-stream (issue 13, item 8). An upload handler
// opens the file stream, then awaits a quota check before reading it with
// for await. When the check rejects, the stream is neither read nor
// destroyed, and its descriptor stays open. (Leaving the loop itself early
// is safe: the async iterator destroys the stream.) leakwatch reports
// resource-not-closed at "<- leak".
const fs = require("node:fs");

async function upload(path, user, quota, store) {
  const file = fs.createReadStream(path); // <- leak
  await quota.check(user);
  for await (const chunk of file) {
    await store.append(user, chunk);
  }
}

module.exports = { upload };
