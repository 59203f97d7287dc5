import { LitElement, html, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { HomeAssistant } from "../../types";
import { subscribeForecast, subscribeHistory, type ForecastEvent } from "../../data/weather";

type UnsubscribeFunc = () => void;

// The unsubscribe function is awaited into a field and called only before
// subscribing again: the last subscription outlives the card. Nothing
// subscribes again when the card is attached again, so the fix that ends
// it at disconnect is for a person to check.
@customElement("forecast-card")
export class ForecastCard extends LitElement {
  @property({ attribute: false }) public hass?: HomeAssistant;
  @state() private _forecast?: ForecastEvent;
  @state() private _subscribed?: UnsubscribeFunc;
  private _resizeObserver?: ResizeObserver;
  private _entity = "weather.home";

  private async _subscribeForecast(): Promise<void> {
    if (this._subscribed) {
      this._subscribed();
      this._subscribed = undefined;
    }
    this._subscribed = await subscribeForecast(this.hass!, this._entity, "daily", (event) => { // want "subscription-not-disposed: the unsubscribe function subscribeForecast\(\) returns is kept in this._subscribed but only called before subscribing again, so the last subscription outlives ForecastCard; end it in disconnectedCallback as well: call this._subscribed\?\.\(\)"
      this._forecast = event;
    });
  }

  public setEntity(entity: string): void {
    this._entity = entity;
    this._subscribeForecast();
  }

  public disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resizeObserver?.disconnect();
  }

  render() {
    return html`<span>${String(this._forecast)}</span>`;
  }
}

// The promise is kept, and a helper ends it, called only on the way to
// subscribing again; connectedCallback subscribes anew, so ending it at
// disconnect is safe.
@customElement("history-card")
export class HistoryCard extends LitElement {
  @property({ attribute: false }) public hass!: HomeAssistant;
  @state() private _history: unknown[] = [];
  private _subscribedHistory?: Promise<UnsubscribeFunc>;
  private _interval?: number;

  public connectedCallback(): void {
    super.connectedCallback();
    this._resubscribe();
    this._interval = window.setInterval(() => this.requestUpdate(), 60000);
  }

  public disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._interval);
  }

  private _unsubscribeHistory(): void {
    this._subscribedHistory?.then((unsub) => unsub());
  }

  private _resubscribe(): void {
    this._unsubscribeHistory();
    this._subscribedHistory = subscribeHistory(this.hass, (history) => { // want "subscription-not-disposed: the Promise of an unsubscribe function subscribeHistory\(\) returns is kept in this._subscribedHistory but only called before subscribing again.*call this._unsubscribeHistory\(\)"
      this._history = history;
    });
  }

  render() {
    return html`<span>${this._history.length}</span>`;
  }
}

// The websocket connection's own subscribeEvents, opened again whenever
// the event type changes.
@customElement("event-log")
export class EventLog extends LitElement {
  @property({ attribute: false }) public hass!: HomeAssistant;
  @property() public eventType = "state_changed";
  @state() private _events: unknown[] = [];
  private _unsubEvents?: Promise<UnsubscribeFunc>;
  private _timer?: number;

  protected updated(changed: PropertyValues): void {
    if (!changed.has("eventType")) {
      return;
    }
    if (this._unsubEvents) {
      this._unsubEvents.then((unsub) => unsub());
    }
    this._unsubEvents = this.hass.connection.subscribeEvents((ev: unknown) => { // want "subscription-not-disposed: the Promise of an unsubscribe function this.hass.connection.subscribeEvents\(\) returns is kept in this._unsubEvents"
      this._events = [...this._events, ev];
    }, this.eventType);
  }

  public disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  render() {
    return html`<span>${this._events.length}</span>`;
  }
}
