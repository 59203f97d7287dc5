import * as React from "react";

interface Props {
  interval: number;
  onTick(): void;
}

export class Metronome extends React.Component<Props> {
  private beats = 0;

  componentDidMount(): void {
    window.setInterval(() => { // want "timer-not-cleared"
      this.beats += 1;
      this.props.onTick();
    }, this.props.interval);
  }

  render() {
    return <span>{this.beats}</span>;
  }
}

// Finite: it stops once the whole text is shown.
export class Typewriter extends React.Component<{ text: string }, { shown: number }> {
  state = { shown: 0 };

  componentDidMount() {
    this.typeNext();
  }

  componentWillUnmount() {
    console.debug("typewriter gone");
  }

  typeNext = () => {
    if (this.state.shown >= this.props.text.length) return;
    this.setState({ shown: this.state.shown + 1 });
    setTimeout(this.typeNext, 80);
  };

  render() {
    return <span>{this.props.text.slice(0, this.state.shown)}</span>;
  }
}

export class LiveBadge extends React.Component<{ channel: string }, { viewers: number }> {
  state = { viewers: 0 };

  componentDidMount() {
    this.refresh();
  }

  componentWillUnmount() {
    console.debug("badge gone");
  }

  refresh = () => {
    fetch(`/api/channels/${this.props.channel}/viewers`)
      .then((r) => r.json())
      .then(({ viewers }) => this.setState({ viewers }));
    setTimeout(this.refresh, 15000); // want "timer-not-cleared"
  };

  render() {
    return <span>{this.state.viewers}</span>;
  }
}
