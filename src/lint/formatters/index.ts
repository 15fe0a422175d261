import type { FormatName } from '../cli.js';
import type { Report } from '../types.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import type { FormatOptions } from './options.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

/** Output formats, each a pure function of the Report. */
export const FORMATTERS: Record<FormatName, (report: Report, options: FormatOptions) => string> = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
  markdown: formatMarkdown,
  junit: formatJunit,
  sarif: formatSarif,
};
