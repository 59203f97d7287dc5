// kafkajs clients made per call: each connected producer, consumer or admin
// client keeps its broker connections until disconnect().
const { Kafka } = require("kafkajs");

const kafka = new Kafka({ clientId: "audit", brokers: [process.env.BROKER] });

// A producer per event, disconnected only when sending fails.
function publishAudit(entry) {
  return new Promise((resolve, reject) => {
    const producer = kafka.producer(); // want "resource-not-closed: Kafka producer from kafka.producer\(\) is disconnected only when something fails \(line 16\)"
    producer
      .connect()
      .then(() => producer.send({ topic: "audit", messages: [{ value: JSON.stringify(entry) }] }))
      .then(() => resolve(true))
      .catch((err) => {
        producer.disconnect();
        reject(err);
      });
  });
}

// The await form: the disconnect is in the catch clause only.
async function topicExists(name) {
  const admin = new Kafka({ brokers: ["localhost:9092"] }).admin(); // want "resource-not-closed: Kafka admin client .* only when something fails \(line 30\)"
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    return topics.includes(name);
  } catch (err) {
    await admin.disconnect();
    throw err;
  }
}

// Never disconnected at all.
async function ping(brokers) {
  const client = new Kafka({ brokers });
  const producer = client.producer(); // want "resource-not-closed: Kafka producer from client.producer\(\) is never disconnected"
  await producer.connect();
  return true;
}

module.exports = { publishAudit, topicExists, ping };
