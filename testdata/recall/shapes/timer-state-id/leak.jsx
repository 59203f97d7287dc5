// Shape: timer-state-id (issue 13, item 4). The interval id is kept in
// component state through setState({ k: id }) and nothing clears it at
// unmount. leakwatch reports timer-not-cleared at "<- leak".
import React from "react";

export class StatusBadge extends React.Component {
  state = { online: true };

  componentDidMount() {
    this.setState({ heartbeat: setInterval(() => this.ping(), 10000) }); // <- leak
  }

  ping() {
    fetch("/ping").then((r) => this.setState({ online: r.ok }));
  }

  render() {
    return <span>{this.state.online ? "online" : "offline"}</span>;
  }
}
