import { DOCS_BASE } from '../../shared/package-info.js';
import { RULES } from '../rules/index.js';
import type { Report, Severity } from '../types.js';
import { lineInConfig } from './locate.js';
import type { FormatOptions } from './options.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0: one reportingDescriptor per rule, results located in connector.json when there is one. */
export function formatSarif(report: Report, options?: FormatOptions): string {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const config = options?.configFile;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'connector-lint',
            version: report.tool.version,
            informationUri: DOCS_BASE,
            rules: RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.meta.description },
              help: { text: r.meta.fix },
              helpUri: `${DOCS_BASE}#${r.id}`,
              defaultConfiguration: { level: LEVEL[r.meta.severity] },
              properties: { subject: r.meta.subject },
            })),
          },
        },
        results: report.findings.map((f) => {
          const located = config ? lineInConfig(f, config.text) : undefined;
          const location =
            config && located
              ? { physicalLocation: { artifactLocation: { uri: config.path }, region: { startLine: located.line } } }
              : { physicalLocation: { artifactLocation: { uri: f.where?.url ?? report.target.url ?? report.target.issuer ?? 'connector.json' } } };
          return {
            ruleId: f.ruleId,
            ruleIndex: index.get(f.ruleId) ?? -1,
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [location],
          };
        }),
        invocations: [{ executionSuccessful: true, exitCode: report.exitCode }],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
