// Loaded with `node --import`: records every module URL the program resolves into $TRACE_FILE,
// so a test can assert what a code path does not load.
import { register } from 'node:module';

register('./trace-imports-hooks.mjs', import.meta.url, { data: { file: process.env.TRACE_FILE } });
