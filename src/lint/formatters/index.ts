import { formatJson } from './json.js';
import { formatText, type TextOptions } from './text.js';
import type { FormatName } from '../cli.js';
import type { Report } from '../types.js';

/** Output formats, each a pure function of the Report. */
export const FORMATTERS: Record<FormatName, (report: Report, options: TextOptions) => string> = {
  text: formatText,
  json: formatJson,
};
