import { createRoot } from "react-dom/client";
import { StrictMode } from "react";
import Dashboard from "./Dashboard";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Dashboard />
  </StrictMode>,
);
