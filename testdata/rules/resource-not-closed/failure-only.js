// Clients closed only when something fails: the call that succeeds leaves
// its connection open, one per call.
const { MongoClient } = require("mongodb");
const mysql = require("mysql2");
const fs = require("fs/promises");

async function countOrders(url) {
  const client = await MongoClient.connect(url); // want "resource-not-closed: MongoClient .* closed only when something fails \(line 13\)"
  try {
    return await client.db("shop").collection("orders").countDocuments();
  } catch (err) {
    console.error(err);
    await client.close();
    throw err;
  }
}

function lookup(config, id, done) {
  const connection = mysql.createConnection(config); // want "resource-not-closed: MySQL connection .* ended only when something fails \(line 20\)"
  connection.on("error", () => connection.end());
  connection.query("SELECT * FROM users WHERE id = ?", [id], (err, rows) => done(err, rows));
}

async function firstLine(path) {
  const handle = await fs.open(path); // want "resource-not-closed: FileHandle .* closed only when something fails \(line 29\)"
  return handle
    .readFile("utf8")
    .then((text) => text.split("\n")[0], async (err) => {
      await handle.close();
      throw err;
    });
}

module.exports = { countOrders, lookup, firstLine };
