// Lumino signals disconnected where the component ends: in the effect's
// cleanup, and in componentWillUnmount with the same handler and thisArg.
import * as React from "react";
import { ISignal, Signal } from "@lumino/signaling";
import { Widget } from "@lumino/widgets";

interface IPanelModel {
  selected: ISignal<IPanelModel, string>;
}

export function SelectionLabel({ model }: { model: IPanelModel }) {
  const [label, setLabel] = React.useState("");
  React.useEffect(() => {
    const onSelected = (_: IPanelModel, id: string) => setLabel(id);
    model.selected.connect(onSelected);
    return () => {
      model.selected.disconnect(onSelected);
    };
  }, [model]);
  return <span>{label}</span>;
}

export class SelectionCounter extends React.Component<{ model: IPanelModel }, { n: number }> {
  state = { n: 0 };

  componentDidMount() {
    this.props.model.selected.connect(this.onSelected, this);
  }

  componentWillUnmount() {
    this.props.model.selected.disconnect(this.onSelected, this);
  }

  private onSelected() {
    this.setState(({ n }) => ({ n: n + 1 }));
  }

  render() {
    return <b>{this.state.n}</b>;
  }
}

interface IRegistry {
  pluginChanged: ISignal<IRegistry, string>;
}
declare function createRegistry(): IRegistry;

// One registry for the whole page, which outlives every object below.
const registry = createRegistry();

// Signal.clearData(this) ends every connection this object receives.
export class PluginSettings {
  constructor() {
    registry.pluginChanged.connect(this._onPluginChanged, this);
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private _onPluginChanged(_: IRegistry, id: string): void {
    console.log(id);
  }
}

// So does Signal.disconnectReceiver(this).
export class PluginLog {
  constructor() {
    registry.pluginChanged.connect(this._onPluginChanged, this);
  }

  dispose(): void {
    Signal.disconnectReceiver(this);
  }

  private _onPluginChanged(_: IRegistry, id: string): void {
    console.log(id);
  }
}

// Lumino's Widget clears its signal data when disposed, so a connection
// given the widget as thisArg ends with it.
export class PluginPanel extends Widget {
  constructor() {
    super();
    registry.pluginChanged.connect(this._onPluginChanged, this);
  }

  dispose(): void {
    super.dispose();
  }

  private _onPluginChanged(): void {
    this.update();
  }
}

// A signal of an object the component makes itself dies with it.
export class Editor extends React.Component<{ registry: IRegistry }> {
  private _item = new EditorItem();

  constructor(props: { registry: IRegistry }) {
    super(props);
    this._item.changed.connect(() => this.forceUpdate());
  }

  render() {
    return null;
  }
}

class EditorItem {
  changed!: ISignal<EditorItem, void>;
}
