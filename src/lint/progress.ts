import type { OutputStream } from '../shared/io.js';

/** Tells the user, live, which probe is running; silent unless a person is watching. */
export interface Progress {
  run<T>(label: string, work: () => Promise<T>): Promise<T>;
  stop(): void;
}

export const SILENT: Progress = { run: (_label, work) => work(), stop: () => undefined };

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A live list of probes on stderr, each with a spinner until it ends; erased when the run ends. */
export function terminalProgress(stream: OutputStream): Progress {
  const lines: { label: string; state: 'running' | 'done' | 'failed'; ms?: number }[] = [];
  let drawn = 0;
  let frame = 0;
  const draw = () => {
    const up = drawn > 0 ? `\x1b[${drawn}A` : '';
    const body = lines
      .map((l) => `\x1b[2K${l.state === 'running' ? FRAMES[frame % FRAMES.length] : l.state === 'done' ? '✔' : '✖'} ${l.label}${l.ms !== undefined ? ` (${l.ms} ms)` : ''}\n`)
      .join('');
    stream.write(`${up}\r${body}`);
    drawn = lines.length;
  };
  const timer = setInterval(() => {
    frame++;
    if (lines.length > 0) draw();
  }, 80);
  timer.unref();
  return {
    async run(label, work) {
      const line: (typeof lines)[number] = { label, state: 'running' };
      lines.push(line);
      draw();
      const started = performance.now();
      try {
        const result = await work();
        line.state = 'done';
        return result;
      } catch (error) {
        line.state = 'failed';
        throw error;
      } finally {
        line.ms = Math.round(performance.now() - started);
        draw();
      }
    },
    stop() {
      clearInterval(timer);
      if (drawn > 0) stream.write(`\x1b[${drawn}A\r\x1b[J`);
      drawn = 0;
    },
  };
}
