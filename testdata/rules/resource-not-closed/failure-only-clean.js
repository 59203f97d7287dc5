// Closes on the failure path that the success path matches, or resources
// the success path keeps on purpose.
const { MongoClient } = require("mongodb");
const mysql = require("mysql2");

async function countOrders(url) {
  const client = await MongoClient.connect(url);
  try {
    const n = await client.db("shop").collection("orders").countDocuments();
    await client.close();
    return n;
  } catch (err) {
    await client.close();
    throw err;
  }
}

function lookup(config, id, done) {
  const connection = mysql.createConnection(config);
  connection.on("error", () => connection.end());
  connection.query("SELECT * FROM users WHERE id = ?", [id], (err, rows) => {
    connection.end();
    done(err, rows);
  });
}

// Opened and closed inside the catch itself: the catch is its whole life.
async function withFallback(primary, fallbackUrl) {
  try {
    return await primary();
  } catch {
    const client = await MongoClient.connect(fallbackUrl);
    try {
      return await client.db("shop").collection("orders").countDocuments();
    } finally {
      await client.close();
    }
  }
}

// Kept when the setup works, closed when it fails.
class Store {
  async open(url) {
    const client = await MongoClient.connect(url);
    try {
      await client.db("admin").command({ ping: 1 });
    } catch (err) {
      await client.close();
      throw err;
    }
    this.client = client;
  }

  async close() {
    await this.client.close();
  }
}

module.exports = { countOrders, lookup, withFallback, Store };
