// Shape: subscribe-function. Home Assistant-style subscribeX(conn, cb) calls
// return an unsubscribe function; the element keeps it in a field but only
// calls it before subscribing again, never on disconnect, where it ends
// everything else. leakwatch should report subscription-not-disposed at
// "<- leak".
import { LitElement, html } from "lit";
import { subscribeForecast } from "./data/weather";

export class ForecastCard extends LitElement {
  hass?: { connection: unknown };
  private forecast: unknown[] = [];
  private unsub?: () => void;
  private resizeObserver?: ResizeObserver;

  private async subscribe(entityId: string): Promise<void> {
    if (this.unsub) {
      this.unsub();
      this.unsub = undefined;
    }
    this.unsub = await subscribeForecast(this.hass!.connection, entityId, (f) => { // <- leak
      this.forecast = f;
      this.requestUpdate();
    });
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.subscribe("weather.home");
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  render() {
    return html`<ul>${this.forecast.map((f) => html`<li>${String(f)}</li>`)}</ul>`;
  }
}
customElements.define("forecast-card", ForecastCard);
