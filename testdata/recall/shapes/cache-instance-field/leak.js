// Shape: cache-instance-field. A singleton's instance Map memoizes per model
// class, and model classes are minted per call (scoped subclasses), so it
// grows without bound; the only clear() is in a reset nobody calls per request.
// leakwatch should report unbounded-cache at "<- leak".
class Policy {
  constructor() {
    this.byClass = new Map();
  }

  actionsFor(model) {
    const klass = model.constructor;
    let actions = this.byClass.get(klass);
    if (!actions) {
      actions = this.compute(klass);
      this.byClass.set(klass, actions); // <- leak
    }
    return actions;
  }

  compute(klass) {
    return Object.getOwnPropertyNames(klass.prototype);
  }

  resetForTests() {
    this.byClass.clear();
  }
}

module.exports = new Policy();
