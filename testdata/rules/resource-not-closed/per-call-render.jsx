// The body of a component or hook runs on every render.
import net from "node:net";

export function useAudit() {
  net.connect(514, "audit.internal"); // want "resource-not-closed: .* on every render of useAudit and .* open it in a useEffect"
}

export const Panel = memo((props) => {
  net.connect(514, "audit.internal"); // want "resource-not-closed: .* on every render of Panel and"
  return <div>{props.title}</div>;
});

// A click handler is no render, and a lower-case function no component.
export function Button() {
  return <button onClick={() => net.connect(514, "click.internal")}>go</button>;
}

function helper() {
  net.connect(514, "audit.internal");
  return <span />;
}
