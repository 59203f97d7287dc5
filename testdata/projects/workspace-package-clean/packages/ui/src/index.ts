export * from "./dom";
