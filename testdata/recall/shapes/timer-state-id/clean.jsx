// Shape: timer-state-id, fixed: the id kept in state is cleared at unmount.
import React from "react";

export class StatusBadge extends React.Component {
  state = { online: true };

  componentDidMount() {
    this.setState({ heartbeat: setInterval(() => this.ping(), 10000) });
  }

  componentWillUnmount() {
    clearInterval(this.state.heartbeat);
  }

  ping() {
    fetch("/ping").then((r) => this.setState({ online: r.ok }));
  }

  render() {
    return <span>{this.state.online ? "online" : "offline"}</span>;
  }
}
