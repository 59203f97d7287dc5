// Shape: timer-end-path, cleaned: the end path clears the interval before
// dropping the entry.
const composers = {};

exports.register = function (socket, data) {
  data.socket = socket;
  data.timer = setInterval(function () {
    socket.emit("composer.ping", data.uuid);
  }, 5000);
  composers[data.uuid] = data;
};

exports.unregister = function (socket, uuid) {
  const entry = composers[uuid];
  if (entry) {
    clearInterval(entry.timer);
    delete composers[uuid];
  }
};
