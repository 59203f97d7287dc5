// A close through a constant that copies the member closes the member:
// const socket = this.ws is this.ws.
export class Connection {
  start(url) {
    this.ws = new WebSocket(url);
    this.ws.onmessage = (e) => this.onMessage(e);
  }
  onMessage() {}
  close() {
    const socket = this.ws;
    this.ws = null;
    socket.close();
  }
}
