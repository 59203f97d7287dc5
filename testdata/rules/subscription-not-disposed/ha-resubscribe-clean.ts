import { LitElement, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { HomeAssistant } from "../../types";
import { subscribeForecast, subscribeHistory, subscribeNotifications } from "../../data/weather";
import { SubscribeMixin } from "../../mixins/subscribe-mixin";
import { subscribeFeed } from "./feed";

type UnsubscribeFunc = () => void;

// Ended before subscribing again and in disconnectedCallback.
@customElement("forecast-card")
export class ForecastCard extends LitElement {
  @property({ attribute: false }) public hass!: HomeAssistant;
  @state() private _forecast?: unknown;
  private _subscribed?: UnsubscribeFunc;

  private async _subscribeForecast(): Promise<void> {
    if (this._subscribed) {
      this._subscribed();
    }
    this._subscribed = await subscribeForecast(this.hass, "weather.home", "daily", (event) => {
      this._forecast = event;
    });
  }

  public connectedCallback(): void {
    super.connectedCallback();
    this._subscribeForecast();
  }

  public disconnectedCallback(): void {
    super.disconnectedCallback();
    this._subscribed?.();
    this._subscribed = undefined;
  }

  render() {
    return html`<span>${String(this._forecast)}</span>`;
  }
}

// Ended through a helper that both the re-subscribe path and the teardown
// call.
@customElement("history-card")
export class HistoryCard extends LitElement {
  @property({ attribute: false }) public hass!: HomeAssistant;
  @state() private _history: unknown[] = [];
  private _subscribedHistory?: Promise<UnsubscribeFunc>;

  public connectedCallback(): void {
    super.connectedCallback();
    this._resubscribe();
  }

  public disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribeHistory();
  }

  private _unsubscribeHistory(): void {
    this._subscribedHistory?.then((unsub) => unsub());
    this._subscribedHistory = undefined;
  }

  private _resubscribe(): void {
    this._unsubscribeHistory();
    this._subscribedHistory = subscribeHistory(this.hass, (history) => {
      this._history = history;
    });
  }

  render() {
    return html`<span>${this._history.length}</span>`;
  }
}

// Kept in a list the teardown empties.
@customElement("multi-feed")
export class MultiFeed extends LitElement {
  @property({ attribute: false }) public hass!: HomeAssistant;
  @state() private _items: unknown[] = [];
  private _unsubs: Promise<UnsubscribeFunc>[] = [];

  public connectedCallback(): void {
    super.connectedCallback();
    this._unsubs.push(
      subscribeHistory(this.hass, (items) => {
        this._items = items;
      }),
      this.hass.connection.subscribeEvents(() => this.requestUpdate(), "state_changed"),
    );
  }

  public disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubs.forEach((unsub) => unsub.then((u) => u()));
    this._unsubs = [];
  }

  render() {
    return html`<span>${this._items.length}</span>`;
  }
}

// Home Assistant's SubscribeMixin subscribes what hassSubscribe returns
// on connect and ends it on disconnect.
@customElement("notification-badge")
export class NotificationBadge extends SubscribeMixin(LitElement) {
  @property({ attribute: false }) public hass!: HomeAssistant;
  @state() private _count = 0;

  public hassSubscribe(): UnsubscribeFunc[] {
    return [
      subscribeNotifications(this.hass.connection, (notifications) => {
        this._count = notifications.length;
      }),
    ];
  }

  render() {
    return html`<span>${this._count}</span>`;
  }
}

// A dialog ends the subscription when it is closed: the close method is
// not a re-subscribe path, and may well be how the dialog always ends.
@customElement("node-dialog")
export class NodeDialog extends LitElement {
  @property({ attribute: false }) public hass!: HomeAssistant;
  @state() private _status?: unknown;
  private _unsubStatus?: Promise<UnsubscribeFunc>;
  private _timer?: number;

  public showDialog(): void {
    this._unsubStatus = this.hass.connection.subscribeMessage((status: unknown) => {
      this._status = status;
    }, { type: "node/status" });
  }

  public closeDialog(): void {
    this._unsubStatus?.then((unsub) => unsub());
    this._unsubStatus = undefined;
  }

  public disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  render() {
    return html`<span>${String(this._status)}</span>`;
  }
}

// A teardown that only calls the base class's says nothing about whether
// the element is ever removed: a sidebar the application's shell always
// renders lives as long as the page, and its own file cannot tell.
@customElement("app-sidebar")
export class AppSidebar extends LitElement {
  @property({ attribute: false }) public hass!: HomeAssistant;
  @state() private _notifications: unknown[] = [];
  private _unsubNotifications?: UnsubscribeFunc;

  protected firstUpdated(): void {
    this._subscribeNotifications();
  }

  private _subscribeNotifications(): void {
    if (this._unsubNotifications) {
      this._unsubNotifications();
    }
    this._unsubNotifications = subscribeNotifications(this.hass.connection, (notifications) => {
      this._notifications = notifications;
    });
  }

  public disconnectedCallback(): void {
    super.disconnectedCallback();
  }

  render() {
    return html`<span>${this._notifications.length}</span>`;
  }
}

// A subscribeX() that does not take Home Assistant's connection is some
// other function: not followed.
@customElement("feed-view")
export class FeedView extends LitElement {
  @state() private _items: unknown[] = [];
  private _unsubFeed?: UnsubscribeFunc;
  private _timer?: number;

  public setUrl(url: string): void {
    this._unsubFeed?.();
    this._unsubFeed = subscribeFeed(url, (items: unknown[]) => {
      this._items = items;
    });
  }

  public disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  render() {
    return html`<span>${this._items.length}</span>`;
  }
}
