// Lumino signals (JupyterLab, Phosphor): `signal.connect(fn, thisArg)` keeps
// fn until `signal.disconnect(fn, thisArg)`. A signal of a model or a
// service handed in from outside outlives the component that connects to it.
import * as React from "react";
import { ISignal } from "@lumino/signaling";

interface IPanelModel {
  selected: ISignal<IPanelModel, string>;
  cleared: ISignal<IPanelModel, void>;
}

export function SelectionLabel({ model }: { model: IPanelModel }) {
  const [label, setLabel] = React.useState("");
  React.useEffect(() => {
    const onSelected = (_: IPanelModel, id: string) => setLabel(id);
    const onCleared = () => setLabel("");
    model.selected.connect(onSelected); // want "listener-not-removed"
    model.cleared.connect(onCleared);
    return () => {
      model.cleared.disconnect(onCleared);
    };
  }, [model]);
  return <span>{label}</span>;
}

export class SelectionCounter extends React.Component<{ model: IPanelModel }, { n: number }> {
  constructor(props: { model: IPanelModel }) {
    super(props);
    this.state = { n: 0 };
    props.model.selected.connect(() => this.setState(({ n }) => ({ n: n + 1 }))); // want "listener-not-removed"
  }

  render() {
    return <b>{this.state.n}</b>;
  }
}

interface IRegistry {
  pluginChanged: ISignal<IRegistry, string>;
}
declare function createRegistry(): IRegistry;

// One registry for the whole page, which outlives the settings object.
const registry = createRegistry();

export class PluginSettings {
  constructor() {
    registry.pluginChanged.connect(this._onPluginChanged, this); // want "listener-not-removed"
  }

  dispose(): void {
    console.log("disposed");
  }

  private _onPluginChanged(_: IRegistry, id: string): void {
    console.log(id);
  }
}
