import type { LintOutputProblem } from './problem';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LINT_CODES } from '../../core/lint/code-docs';
import type { LintCode, Severity } from '../../core/lint/codes';
import { segmentsUnder } from './paths';

/** Where the SARIF 2.1.0 standard (OASIS, with its errata) publishes the log's schema. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The project's repository (package.json's `repository`). */
const REPOSITORY = 'https://github.com/jumpcloud-csv/jumpcloud-csv';
/**
 * The README, whose rules table has an anchor per code: the editor's RULES_DOC (src/vscode/ids.ts), which the CLI
 * may not import (src/cli never depends on the VS Code layer); test/unit/cli/lint-formats.test.ts keeps them equal.
 */
export const README_URL = `${REPOSITORY}/blob/main/README.md`;

/** The base a relative artifact URI is resolved against: the repository root for GitHub code scanning. */
export const SRCROOT = '%SRCROOT%';

/** SARIF has no "info" level; "note" is its name for the least severe result. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Every lint code, in the order of the driver's rules: a result's ruleIndex is its code's position here. */
const CODES = Object.keys(LINT_CODES) as LintCode[];

/** One problem at 1-based lines and columns, the end exclusive (as SARIF's endColumn is); its message already made
 * safe to show (one line, control characters escaped, capped). */
export type SarifProblem = Omit<LintOutputProblem, 'file'>;

/** A file as the lint saw it: its problems, or why it could not be read. */
export type SarifFile =
  | { readonly file: string; readonly problems: readonly SarifProblem[] }
  /** `error`: why it could not be read, already safe to show. */
  | { readonly file: string; readonly error: string };

export interface SarifOptions {
  /** Paths on the command line are relative to this folder, and so are the URIs written. */
  readonly cwd: string;
  readonly version: string;
  readonly exitCode: number;
}

interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

/**
 * A file's location for code scanning: its path relative to `cwd`, forward slashes, each segment percent-encoded (a
 * SARIF uri is a URI reference, not a file path), against %SRCROOT%. GitHub resolves such a URI against the checkout,
 * so an alert lands on the file whatever folder the runner used; an absolute file:// URI would carry the runner's
 * path. A file outside `cwd` has no relative name under the root, so it gets its file URI and no base id (a base id
 * is only allowed with a relative reference).
 */
export function artifactLocation(file: string, cwd: string): ArtifactLocation {
  const segments = segmentsUnder(file, cwd);
  if (!segments) return { uri: pathToFileURL(path.resolve(cwd, file)).href };
  return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** A folder's file URI with the trailing slash SARIF requires of a base URI. */
function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function rule(code: LintCode) {
  const { severity, doc } = LINT_CODES[code];
  const helpUri = `${README_URL}#${code}`;
  return {
    id: code,
    // GitHub shows fullDescription and help.text with an alert, and asks for both.
    shortDescription: { text: doc },
    fullDescription: { text: doc },
    helpUri,
    help: { text: `${doc} See ${helpUri}`, markdown: `${doc}\n\n[${code} in the README](${helpUri})` },
    defaultConfiguration: { level: LEVEL[severity] },
  };
}

/** One SARIF 2.1.0 log, one run, for every file a lint was given. */
export function sarifLog(files: readonly SarifFile[], options: SarifOptions): object {
  // A file named twice is one artifact: the schema wants artifacts unique.
  const artifacts: ArtifactLocation[] = [];
  const indexOf = new Map<string, number>();
  const locate = (file: string) => {
    const location = artifactLocation(file, options.cwd);
    const key = `${location.uriBaseId ?? ''} ${location.uri}`;
    let index = indexOf.get(key);
    if (index === undefined) {
      index = artifacts.push(location) - 1;
      indexOf.set(key, index);
    }
    return { ...location, index };
  };

  // Artifacts in command-line order, whether or not the file could be read.
  const locations = files.map(f => locate(f.file));
  const results = files.flatMap((f, i) =>
    'problems' in f
      ? f.problems.map(p => ({
          ruleId: p.code,
          ruleIndex: CODES.indexOf(p.code),
          level: LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: locations[i],
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
            },
          ],
        }))
      : [],
  );
  const notifications = files.flatMap((f, i) =>
    'error' in f ? [{ level: 'error', message: { text: f.error }, locations: [{ physicalLocation: { artifactLocation: locations[i] } }] }] : [],
  );

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'jumpcloud-csv',
            version: options.version,
            informationUri: README_URL,
            rules: CODES.map(rule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(options.cwd) } },
        artifacts: artifacts.map(location => ({ location, roles: ['analysisTarget'] })),
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            exitCode: options.exitCode,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        // Columns count UTF-16 code units, as the editor's do; said so a viewer need not assume.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
