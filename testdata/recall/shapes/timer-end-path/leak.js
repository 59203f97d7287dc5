// Shape: timer-end-path. A socket handler starts an interval per composer and
// keeps it in an entry of a module-level hash; the unregister handler (the
// entry's end path) deletes the entry but never clears the interval, which
// keeps running and keeps the socket alive. leakwatch should report
// timer-not-cleared at "<- leak".
const composers = {};

exports.register = function (socket, data) {
  data.socket = socket;
  data.timer = setInterval(function () { // <- leak
    socket.emit("composer.ping", data.uuid);
  }, 5000);
  composers[data.uuid] = data;
};

exports.unregister = function (socket, uuid) {
  const entry = composers[uuid];
  if (entry) {
    delete composers[uuid];
  }
};
