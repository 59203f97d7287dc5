// kafkajs clients disconnected on every path, or kept for the life of the
// program.
const { Kafka } = require("kafkajs");

const kafka = new Kafka({ clientId: "audit", brokers: [process.env.BROKER] });

// One producer for the program, made at load.
const shared = kafka.producer();

async function publish(entry) {
  await shared.send({ topic: "audit", messages: [{ value: JSON.stringify(entry) }] });
}

// Disconnected in finally.
async function topicExists(name) {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    return topics.includes(name);
  } finally {
    await admin.disconnect();
  }
}

// Disconnected on both paths of a promise chain.
function sendOnce(message) {
  const producer = kafka.producer();
  return producer
    .connect()
    .then(() => producer.send({ topic: "jobs", messages: [{ value: message }] }))
    .then(() => producer.disconnect())
    .catch((err) => {
      producer.disconnect();
      throw err;
    });
}

// Disconnected by .finally(), success or failure.
function sendLater(message) {
  const producer = kafka.producer();
  return producer
    .connect()
    .then(() => producer.send({ topic: "jobs", messages: [{ value: message }] }))
    .finally(() => producer.disconnect());
}

// A consumer that runs serves messages after the function returns.
async function startConsumer(onMessage) {
  const consumer = kafka.consumer({ groupId: "workers" });
  await consumer.connect();
  await consumer.subscribe({ topic: "jobs" });
  await consumer.run({ eachMessage: async ({ message }) => onMessage(message) });
}

// Handed to the caller, who disconnects it.
function makeProducer() {
  const producer = kafka.producer();
  return producer;
}

// A connection kept only when the setup succeeds: the catch closes the
// half-made one, the success path stores it.
class Publisher {
  async start() {
    const producer = kafka.producer();
    try {
      await producer.connect();
    } catch (err) {
      await producer.disconnect();
      throw err;
    }
    this.producer = producer;
  }

  async stop() {
    await this.producer.disconnect();
  }
}

module.exports = { publish, topicExists, sendOnce, sendLater, startConsumer, makeProducer, Publisher };
