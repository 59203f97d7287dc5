// Shape: subscribe-function, cleaned: disconnectedCallback calls the stored
// unsubscribe function.
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
    this.unsub = await subscribeForecast(this.hass!.connection, entityId, (f) => {
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
    this.unsub?.();
    this.unsub = undefined;
  }

  render() {
    return html`<ul>${this.forecast.map((f) => html`<li>${String(f)}</li>`)}</ul>`;
  }
}
customElements.define("forecast-card", ForecastCard);
