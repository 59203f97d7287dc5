// @flow
// A Flow-annotated class component: the JavaScript grammar cannot read the
// annotations, so the file is parsed with the TSX grammar, which can.
import * as React from "react";
import { ipcRenderer } from "electron";

type Props = { label: ?string };
type State = { status: string, count: number };

export class UpdateButton extends React.PureComponent<Props, State> {
  state: State = { status: "", count: 0 };

  componentDidMount() {
    ipcRenderer.on("updater.status", (e: Event, status: string) => this.setState({ status })); // want "listener-not-removed"
    window.addEventListener("online", this.onOnline); // want "listener-not-removed"
  }

  onOnline = (): void => {
    this.setState({ count: this.state.count + 1 });
  };

  render(): React.Node {
    return <button>{this.props.label || this.state.status}</button>;
  }
}

export class Clean extends React.Component<Props, State> {
  componentDidMount() {
    window.addEventListener("online", this.onOnline);
  }

  componentWillUnmount() {
    window.removeEventListener("online", this.onOnline);
  }

  onOnline = (): void => {};

  render(): React.Node {
    return null;
  }
}
