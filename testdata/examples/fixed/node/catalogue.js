// Node: loads the product catalogue at startup, keeps only the prices, and
// reports which catalogue version is live once a minute.
import fs from "node:fs";

export function loadPrices(path, monitor) {
  const catalogue = JSON.parse(fs.readFileSync(path, "utf8"));
  const prices = new Map(catalogue.products.map((product) => [product.sku, product.price]));
  const catalogueVersion = catalogue.version;
  setInterval(() => {
    monitor.send({ service: "pricing", catalogueVersion, skus: prices.size });
  }, 60_000);
  return prices;
}
