// Shape: resource-for-await-stream, fixed: the stream is destroyed in
// finally, so a rejected quota check no longer leaves it open.
const fs = require("node:fs");

async function upload(path, user, quota, store) {
  const file = fs.createReadStream(path);
  try {
    await quota.check(user);
    for await (const chunk of file) {
      await store.append(user, chunk);
    }
  } finally {
    file.destroy();
  }
}

module.exports = { upload };
