/** A stream the programs write to: a subset of `process.stdout` so tests can pass a buffer. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Everything a program reads from or writes to its process, passed in so `main` stays testable. */
export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace. */
function ignoreClosedPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return stream;
}

export function processIo(): Io {
  return { stdout: ignoreClosedPipe(process.stdout), stderr: ignoreClosedPipe(process.stderr), env: process.env, cwd: process.cwd() };
}
