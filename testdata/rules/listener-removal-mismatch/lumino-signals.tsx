// A Lumino signal's disconnect must be given the function that was
// connected: an inline arrow is a new function and takes nothing off.
import * as React from "react";
import { ISignal } from "@lumino/signaling";

interface IBreakpointModel {
  selectedChanged: ISignal<IBreakpointModel, void>;
  cleared: ISignal<IBreakpointModel, void>;
}

export function Breakpoints({ model }: { model: IBreakpointModel }) {
  const [n, setN] = React.useState(0);
  React.useEffect(() => {
    const onSelected = () => setN((k) => k + 1);
    const onCleared = () => setN(0);
    model.selectedChanged.connect(onSelected); // want "listener-removal-mismatch"
    model.cleared.connect(onCleared);
    return () => {
      model.selectedChanged.disconnect(() => onSelected); // want "listener-removal-mismatch"
      model.cleared.disconnect(onCleared);
    };
  }, [model]);
  return <i>{n}</i>;
}
