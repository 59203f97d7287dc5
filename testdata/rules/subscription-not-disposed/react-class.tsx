import * as React from "react";
import { Observable } from "rxjs";

import { appStore } from "./store";

type Props = { status$: Observable<string> };
type State = { status: string; theme: string };

export class StatusBar extends React.Component<Props, State> {
  state: State = { status: "", theme: appStore.getState().theme };

  componentDidMount(): void {
    this.props.status$.subscribe((status) => this.setState({ status })); // want "subscription-not-disposed"
    appStore.subscribe(() => this.setState({ theme: appStore.getState().theme })); // want "subscription-not-disposed"
  }

  render() {
    return <footer className={this.state.theme}>{this.state.status}</footer>;
  }
}
