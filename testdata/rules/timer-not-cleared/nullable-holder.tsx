import React from "react";

// An id kept in a field or variable typed `... | null` cannot be handed to
// clearInterval as it is under strict null checks (null is no interval id):
// the clear the fix writes must turn null into "nothing to clear".
type TickerProps = { words: string[] };

export class Ticker extends React.Component<TickerProps> {
  private pulse: ReturnType<typeof setInterval> | null = null;

  componentDidMount() {
    if (this.pulse) {
      clearInterval(this.pulse);
    }
    this.pulse = setInterval(() => this.forceUpdate(), 1000); // want "timer-not-cleared"
  }

  render() {
    return <p>{this.props.words.join(" ")}</p>;
  }
}

export class Blinker extends React.Component<TickerProps> {
  private frame: number | null = null;

  componentDidMount() {
    const step = () => {
      this.frame = requestAnimationFrame(step); // want "timer-not-cleared"
    };
    this.frame = requestAnimationFrame(step);
  }

  render() {
    return <i>{this.props.words[0]}</i>;
  }
}
