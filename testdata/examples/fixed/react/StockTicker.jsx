// React class component: a ticker that refreshes quotes every five seconds and
// when the browser comes back online.
import { Component } from "react";
import { fetchQuotes } from "../api";

export class StockTicker extends Component {
  state = { quotes: [] };

  componentDidMount() {
    this.controller = new AbortController();
    this.refresh();
    window.addEventListener("online", this.refresh);
    this.timer = setInterval(this.refresh, 5000);
  }

  componentWillUnmount() {
    this.controller.abort();
    window.removeEventListener("online", this.refresh);
    clearInterval(this.timer);
  }

  refresh = async () => {
    const quotes = await fetchQuotes(this.props.symbols, { signal: this.controller.signal });
    this.setState({ quotes });
  };

  render() {
    return (
      <ul className="ticker">
        {this.state.quotes.map((q) => (
          <li key={q.symbol}>
            {q.symbol} {q.price.toFixed(2)}
          </li>
        ))}
      </ul>
    );
  }
}
