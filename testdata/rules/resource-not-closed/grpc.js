// gRPC clients made per check: each owns a channel (connections, timers,
// a channelz entry) that only close() releases.
const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");

const Generic = grpc.makeGenericClientConstructor({});

// A health probe that makes a client on every run and drops it.
function probe(address, done) {
  const client = new Generic(address, grpc.credentials.createInsecure()); // want "resource-not-closed: gRPC client created on every call is never closed; reuse one client per address, or call client.close\(\) once its calls are done"
  client.makeUnaryRequest("/health.v1.Health/Check", (x) => x, (x) => x, Buffer.alloc(0), done);
}

// A service class loaded from a proto file, one client per lookup.
function lookup(address, id, done) {
  const proto = grpc.loadPackageDefinition(protoLoader.loadSync("users.proto"));
  const users = new proto.users.Directory(address, grpc.credentials.createSsl()); // want "resource-not-closed: gRPC client created on every call is never closed"
  users.find({ id }, done);
}

module.exports = { probe, lookup };
