// connect() outside Lumino is no listener: a client's connect(cb), a Web
// Audio node's connect(destination), an MQTT client's disconnect(cb).
import * as React from "react";

export function Player({ audio, client }) {
  React.useEffect(() => {
    const ctx = new AudioContext();
    const source = ctx.createMediaElementSource(audio);
    source.connect(ctx.destination);
    client.connect(() => client.publish("hello"));
    client.disconnect(() => console.log("gone"));
  }, [audio, client]);
  return null;
}
