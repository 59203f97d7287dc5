// A poll that settles the promise it was started in: it re-arms only
// while the work it waits for is unfinished, and the code awaiting the
// promise depends on that end. Not a loop that lives as long as its owner.
export class ShaderCompiler {
  constructor(private gl: { ready(program: number): boolean }) {}

  compile(program: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.gl.ready(program)) {
          resolve();
        } else {
          requestAnimationFrame(check);
        }
      };
      check();
    });
  }

  whenIdle(): Promise<number> {
    return new Promise((resolve, reject) => {
      const wait = () => {
        if (!this.gl.ready(0)) requestAnimationFrame(wait);
        else resolve(0);
      };
      wait();
    });
  }

  dispose(): void {}
}
