import { createRoot } from "react-dom/client";
import Dashboard from "./Dashboard";

createRoot(document.getElementById("root")!).render(<Dashboard />);
