// The leak Meteor's developers found in 2013: every call chains the new
// `theThing` to the previous one through a shared closure context.
var theThing = null;

var replaceThing = function () {
  var originalThing = theThing;
  var unused = function () {
    if (originalThing) console.log("hi");
  };
  theThing = {
    longStr: new Array(1000000).join("*"),
    someMethod() { // want "closure-retains-large-value"
      console.log("someMessage");
    },
  };
};

setInterval(replaceThing, 1000);

// The same shape in a hot-reloading config loader.
let currentConfig = null;

export function reloadConfig(next) {
  const previous = currentConfig;
  const changed = Object.keys(next).filter((key) => !previous || previous[key] !== next[key]);
  currentConfig = {
    ...next,
    changed,
    describe: () => `config with ${changed.length} changes`, // want "closure-retains-large-value"
  };
}
