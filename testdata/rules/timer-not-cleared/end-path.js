// Outside any component: a handler starts an interval per entity, keeps its
// id on the entity and files the entity in a module-level collection. Where
// the file deletes entities from that collection (their end path), the
// interval must be cleared too.
const composers = {};
const sessions = new Map();
const jobs = {};

exports.register = function (socket, data) {
  data.timer = setInterval(function () { // want "timer-not-cleared"
    socket.emit("composer.ping", data.uuid);
  }, 5000);
  composers[data.uuid] = data;
};

exports.unregister = function (socket, uuid) {
  if (composers[uuid]) {
    delete composers[uuid];
  }
};

// Clean: the end path clears the interval.
exports.open = function (socket, session) {
  session.poll = setInterval(() => socket.emit("poll"), 1000);
  sessions.set(session.id, session);
};

exports.close = function (id) {
  const session = sessions.get(id);
  if (session) {
    clearInterval(session.poll);
    sessions.delete(id);
  }
};

// Clean: no end path in this file; whether the collection grows is another
// rule's question.
exports.start = function (job) {
  job.timer = setInterval(() => job.tick(), 1000);
  jobs[job.id] = job;
};
