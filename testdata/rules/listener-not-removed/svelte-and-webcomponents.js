import { onMount } from "svelte";
import { LitElement } from "lit";

onMount(() => {
  window.addEventListener("resize", measure); // want "listener-not-removed"
});

onMount(() => {
  window.addEventListener("scroll", measure);
  return () => window.removeEventListener("scroll", measure);
});

function measure() {}

export class ToolTip extends HTMLElement {
  connectedCallback() {
    document.addEventListener("click", this.onDocClick); // want "listener-not-removed"
    this.addEventListener("mouseenter", this.show);
    this.shadowRoot.addEventListener("focus", this.show);
  }

  onDocClick = () => {};
  show = () => {};
}

export class Menu extends LitElement {
  connectedCallback() {
    super.connectedCallback();
    window.addEventListener("keydown", this.onKey);
    this.renderRoot.querySelector("button").addEventListener("click", this.onKey);
  }

  disconnectedCallback() {
    window.removeEventListener("keydown", this.onKey);
    super.disconnectedCallback();
  }

  onKey = () => {};
}
