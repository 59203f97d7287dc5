// A connection made once at start-up: if a query fails the caller logs and
// exits, so the error path keeps nothing for long.
const mysql = require("mysql2/promise");

class Database {
  static async connect(config) {
    const connection = await mysql.createConnection(config);
    await connection.execute("CREATE DATABASE IF NOT EXISTS app");
    await connection.end();
  }
}

module.exports = Database;
