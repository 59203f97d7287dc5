// A mixin whose disconnectedCallback calls the element's cleanup().
export const WithCleanup = (Base) =>
  class extends Base {
    disconnectedCallback() {
      super.disconnectedCallback?.();
      this.cleanup();
    }
  };
