// gRPC clients that are reused, closed, or kept by their calls.
const grpc = require("@grpc/grpc-js");
const reflection = require("some-reflection-wrapper");

const Generic = grpc.makeGenericClientConstructor({});

// One client for the process.
const shared = new Generic("backend:50051", grpc.credentials.createInsecure());

function ping(done) {
  shared.makeUnaryRequest("/ping.v1.Ping/Ping", (x) => x, (x) => x, Buffer.alloc(0), done);
}

// Closed once the call is done.
function probe(address, done) {
  const client = new Generic(address, grpc.credentials.createInsecure());
  client.makeUnaryRequest("/health.v1.Health/Check", (x) => x, (x) => x, Buffer.alloc(0), (err, res) => {
    client.close();
    done(err, res);
  });
}

// The call is kept where its end handler can close the channel.
const calls = new Map();
function start(id, address) {
  const client = new Generic(address, grpc.credentials.createInsecure());
  const call = client.makeServerStreamRequest("/feed.v1.Feed/Watch", (x) => x, (x) => x, Buffer.alloc(0));
  calls.set(id, call);
}
function finish(id) {
  calls.delete(id);
}

// Returned to the caller, who owns it.
function connect(address) {
  return new Generic(address, grpc.credentials.createInsecure());
}

// A wrapper with the same arguments but no close() of its own.
async function listServices(address) {
  const client = new reflection.Client(address, grpc.credentials.createInsecure());
  return client.listServices();
}

module.exports = { ping, probe, start, finish, connect, listServices };
