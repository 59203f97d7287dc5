export const WithCleanup = (Base) =>
  class extends Base {
    disconnectedCallback() {
      super.disconnectedCallback?.();
      this.cleanup();
    }
  };
