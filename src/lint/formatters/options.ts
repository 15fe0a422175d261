import type { Colors } from '../../shared/colors.js';

/** What formatters may use besides the Report; all of it known before formatting starts. */
export interface FormatOptions {
  colors: Colors;
  verbose: boolean;
  /** The connector.json behind the run, for locating findings (SARIF, GitHub annotations). */
  configFile?: { path: string; text: string };
}
