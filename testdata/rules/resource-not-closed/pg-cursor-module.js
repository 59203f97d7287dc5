// A CommonJS database module that adds its helpers to the object it is
// given, requiring its pg companions inside the exported function: the
// pooled client's error path is checked all the same.
module.exports = function (db) {
  const Cursor = require("pg-cursor");

  db.eachRow = async function (sql, onRow) {
    const client = await db.pool.connect(); // want "resource-not-closed: client from db.pool.connect\(\) is never released on the error path"
    const cursor = client.query(new Cursor(sql));
    while (true) {
      const rows = await cursor.read(100);
      if (!rows.length) {
        client.release();
        return;
      }
      rows.forEach(onRow);
    }
  };
};
