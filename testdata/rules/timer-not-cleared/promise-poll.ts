// The leaking twin of promise-poll-clean.ts: the poll settles its promise
// but re-arms on every run, settled or not, so it never ends.
export class ShaderCompiler {
  constructor(private gl: { ready(program: number): boolean }) {}

  compile(program: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.gl.ready(program)) {
          resolve();
        }
        requestAnimationFrame(check); // want "requestAnimationFrame loop in check\(\) keeps running after ShaderCompiler ends"
      };
      check();
    });
  }

  dispose(): void {}
}
