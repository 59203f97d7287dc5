// Node/Express: streams a CSV export and stops it if the server shuts down.
import express from "express";
import { createExportStream } from "./exports.js";

export const router = express.Router();

router.get("/reports/:id/export.csv", (req, res) => {
  const stream = createExportStream(req.params.id);
  const onShutdown = () => stream.destroy();
  process.on("SIGTERM", onShutdown);
  res.on("close", () => process.off("SIGTERM", onShutdown));
  res.type("text/csv");
  stream.pipe(res);
});
