// Node: loads the product catalogue at startup, keeps only the prices, and
// reports which catalogue version is live once a minute.
import fs from "node:fs";

export function loadPrices(path, monitor) {
  const catalogue = JSON.parse(fs.readFileSync(path, "utf8"));
  const prices = new Map(catalogue.products.map((product) => [product.sku, product.price]));
  // Leak: this callback runs for the life of the process and only reads
  // catalogue.version, yet it keeps the whole parsed file (every product,
  // description and image URL) alive.
  setInterval(() => {
    monitor.send({ service: "pricing", catalogueVersion: catalogue.version, skus: prices.size });
  }, 60_000);
  return prices;
}
