// Node/Express: streams a CSV export and stops it if the server shuts down.
import express from "express";
import { createExportStream } from "./exports.js";

export const router = express.Router();

router.get("/reports/:id/export.csv", (req, res) => {
  const stream = createExportStream(req.params.id);
  // Leak: adds one more SIGTERM listener to process on every request (and
  // keeps every finished stream alive); Node warns after 10.
  process.on("SIGTERM", () => stream.destroy());
  res.type("text/csv");
  stream.pipe(res);
});
