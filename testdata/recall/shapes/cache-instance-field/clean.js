// Shape: cache-instance-field, cleaned: keyed weakly, so minted classes can go.
class Policy {
  constructor() {
    this.byClass = new WeakMap();
  }

  actionsFor(model) {
    const klass = model.constructor;
    let actions = this.byClass.get(klass);
    if (!actions) {
      actions = this.compute(klass);
      this.byClass.set(klass, actions);
    }
    return actions;
  }

  compute(klass) {
    return Object.getOwnPropertyNames(klass.prototype);
  }

  resetForTests() {
    this.byClass = new WeakMap();
  }
}

module.exports = new Policy();
