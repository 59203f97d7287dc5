import React from "react";

// Neither an RxJS nor a store shape: reported, but no fix is offered, since
// subscribe may return a Subscription or an unsubscribe function.
export function Preview({ model }) {
  const [text, setText] = React.useState(model.text);

  React.useEffect(() => {
    model.subscribe((m) => setText(m.text)); // want "subscription-not-disposed"
  }, [model]);

  return <pre>{text}</pre>;
}
