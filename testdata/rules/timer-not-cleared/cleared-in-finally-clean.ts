// An interval that spans one awaited request and is cleared in finally.
import { LitElement } from "lit";

export class SuggestButton extends LitElement {
  private ticker?: number;
  private dots = 0;

  async suggest(load: () => Promise<string>) {
    try {
      this.ticker = window.setInterval(() => this.dots++, 500);
      return await load();
    } finally {
      clearInterval(this.ticker);
    }
  }
}
