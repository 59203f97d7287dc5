// A handler moved out of a method into a class field goes above the
// method's doc comment, which stays with the method.
export class Server {
  /**
   * Listen for unhandled rejections.
   */
  listen() {
    process.on("unhandledRejection", (reason) => { // want "listener-not-removed: .unhandledRejection. listener added to process is never removed; call off in stop"
      console.error(reason);
    });
  }

  stop() {}
}
