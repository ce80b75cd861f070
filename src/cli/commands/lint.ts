import { parseArgs } from 'node:util';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { UserCsvKind } from '../../core/catalogue';
import { LineIndex } from '../../core/csv';
import { lintBytes, typeFromFileName, type LintProblem, type Severity } from '../../core/lint';
import { visible } from '../../core/lint/quote';
import { DEFAULT_MAX_PROBLEMS } from '../../core/lint/reporter';
import type { OrgSnapshot } from '../../core/org';
import { workflowCommand } from '../formats/github';
import { segmentsUnder } from '../formats/paths';
import { sarifLog, type SarifFile } from '../formats/sarif';
import type { LintOutputProblem } from '../formats/problem';
import { UsageError, type CliCommand, type CliIo, type ExitCode } from '../io';
import { readOrganizationFromEnv } from '../jumpcloud-env';

const usage = `Usage: jumpcloud-csv lint FILE... [options]

Checks JumpCloud user CSV files with the editor's rules: structure, headers and
every value. A file's type comes from --type, else from its name
(JCUserImport_*.csv or JCUserUpdateImport_*.csv); otherwise only the checks that
hold for both types run.

Options:
  --type import|update   lint every file as this type
  --format text|json|sarif|github
                         text (default): one "file:line:column: severity code message"
                         line per problem on stdout and a summary on stderr;
                         json: one array of {file, line, column, endLine, endColumn,
                         severity, code, message}, lines and columns from 1;
                         sarif: one SARIF 2.1.0 log for all files, for GitHub code
                         scanning (upload-sarif) and other SARIF viewers: a rule per
                         code with a link to its documentation, file paths relative
                         to the current folder (run it from the repository root),
                         files that cannot be read as tool notifications;
                         github: one GitHub Actions workflow command per problem
                         (::error, ::warning or ::notice with file, line, col,
                         endLine, endColumn and the code as title) to annotate a
                         pull request, and the summary on stderr
  --max-problems N       report at most N problems per file (default ${DEFAULT_MAX_PROBLEMS})
  --offline              do not read the organization even if JC_API_KEY is set
  -h, --help             show this help

With JC_API_KEY set (and JC_ORG_ID, JC_REGION us|eu|in, or JC_API_URL as needed),
the organization is read once and rows are also checked against it: usernames
taken or not found, values in use, unknown groups, devices, LDAP servers and
managers. If it cannot be read (a wrong key or setting, or no answer after
retrying), nothing is linted and the exit code is 2; --offline skips it.

Files are read as UTF-8 (with or without a BOM), or as UTF-16 when they start with
its byte order mark; a file that is not valid in its encoding gets an "encoding" error.
Text output shows control characters found in the files as \\uXXXX and cuts long
messages.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage, the
organization not read, or a file that cannot be read (the other files are still
linted). When the output is closed early (| head), it stops quietly with 141, as
tools stopped by SIGPIPE do.`;

export type { LintOutputProblem } from '../formats/problem';

const BOM = 0xfeff;
/** The longest message text output prints: a message quotes the file, and a file can hold a 50 MB "header". */
const MAX_MESSAGE_LENGTH = 500;

/** One line of terminal text from anything a file or the system said: control characters escaped, length capped. */
export function terminalText(text: string, max: number = MAX_MESSAGE_LENGTH): string {
  const head = text.length > max ? text.slice(0, max) : text;
  const line = visible(head.replace(/\r\n|[\r\n]/g, ' '));
  return line.length > max || text.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function parseMaxProblems(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_PROBLEMS;
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--max-problems ${text}: use a whole number of at least 1`);
  }
  return Number(text);
}

/**
 * Turns offsets into 1-based lines and columns. A BOM is offset 0 of the first line but not a column anyone sees
 * (editors hide it), so on the first line of a text that starts with one, offset k is column k, not k + 1; offset 0
 * (the BOM itself, where file-wide notes point) is column 1 too.
 */
export function locator(text: string): (offset: number) => { line: number; column: number } {
  const lines = new LineIndex(text);
  const bom = text.charCodeAt(0) === BOM;
  return offset => {
    const { line, character } = lines.positionAt(offset);
    return { line: line + 1, column: bom && line === 0 ? Math.max(1, character) : character + 1 };
  };
}

/** File order: by position, the "too many problems" note last. */
function byPosition(problems: readonly LintProblem[]): LintProblem[] {
  const key = (p: LintProblem) => (p.code === 'too-many-problems' ? Number.POSITIVE_INFINITY : p.span.start);
  return [...problems].sort((a, b) => key(a) - key(b));
}

/** A one-line reason for a failed read. */
function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (text: string | undefined): text is Format => (FORMATS as readonly (string | undefined)[]).includes(text);

/** A file as a GitHub annotation names it: relative to the workspace (the current folder), forward slashes. */
function annotationPath(file: string, cwd: string): string {
  return terminalText((segmentsUnder(file, cwd) ?? path.resolve(cwd, file).split(path.sep)).join('/'));
}

/** The organization, when JC_API_KEY is set; a failure to read it stops the lint with exit code 2. */
function readOrganization(io: CliIo): Promise<OrgSnapshot | undefined> {
  return readOrganizationFromEnv(io, ', or pass --offline to lint without it');
}

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check CSV files for problems, as the editor does',
  usage,
  async run(argv, io) {
    const { values, positionals: files } = parseArgs({
      args: argv,
      options: {
        type: { type: 'string' },
        format: { type: 'string', default: 'text' },
        'max-problems': { type: 'string' },
        offline: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    if (files.length === 0) throw new UsageError('give at least one CSV file to lint');
    if (values.type !== undefined && values.type !== 'import' && values.type !== 'update') {
      throw new UsageError(`--type must be import or update, not "${values.type}"`);
    }
    if (!isFormat(values.format)) throw new UsageError(`--format must be text or json, or sarif or github for pipelines, not "${values.format}"`);
    const forcedType: UserCsvKind | undefined = values.type;
    const format: Format = values.format;
    const maxProblems = parseMaxProblems(values['max-problems']);

    const org = values.offline ? undefined : await readOrganization(io);
    const output: LintOutputProblem[] = [];
    const sarifFiles: SarifFile[] = [];
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    let unreadable = 0;
    for (const file of files) {
      let bytes: Uint8Array;
      try {
        bytes = await fs.readFile(path.resolve(io.cwd, file));
      } catch (e) {
        const reason = terminalText(readError(e));
        io.stderr(`jumpcloud-csv lint: cannot read ${terminalText(file)}: ${reason}\n`);
        if (format === 'sarif') sarifFiles.push({ file, error: `cannot read ${terminalText(file)}: ${reason}` });
        // An annotation too, so the run's summary page says which file, not only the log.
        if (format === 'github') io.stdout(workflowCommand({ severity: 'error', file: annotationPath(file, io.cwd), title: 'jumpcloud-csv lint', message: `cannot read: ${reason}` }));
        unreadable++;
        continue;
      }
      // Decoded as an editor would, BOM kept, so offsets match the file as an editor sees it.
      const result = lintBytes(bytes, { type: forcedType ?? typeFromFileName(file), maxProblems, ...(org ? { org } : {}) });
      const { text } = result;
      for (const severity of ['error', 'warning', 'info'] as const) counts[severity] += result.counts[severity];
      const locate = locator(text);
      const problems: LintOutputProblem[] = [];
      for (const p of byPosition(result.problems)) {
        const start = locate(p.span.start);
        const end = locate(p.span.end);
        const problem: LintOutputProblem = {
          file,
          line: start.line,
          column: start.column,
          endLine: end.line,
          endColumn: end.column,
          severity: p.severity,
          code: p.code,
          // The core's note names the editor's setting.
          message: p.code === 'too-many-problems' ? `Showing the first ${maxProblems} of ${result.total} problems; use --max-problems to see more.` : p.message,
        };
        if (format === 'json') output.push(problem);
        else if (format === 'sarif') problems.push({ ...problem, message: terminalText(problem.message) });
        else if (format === 'github') io.stdout(workflowCommand({ ...problem, file: annotationPath(file, io.cwd), title: p.code, message: terminalText(problem.message) }));
        else io.stdout(`${terminalText(file)}:${problem.line}:${problem.column}: ${p.severity} ${p.code} ${terminalText(problem.message)}\n`);
      }
      if (format === 'sarif') sarifFiles.push({ file, problems });
    }

    const code: ExitCode = unreadable > 0 ? 2 : counts.error > 0 ? 1 : 0;
    if (format === 'json') io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    else if (format === 'sarif') io.stdout(`${JSON.stringify(sarifLog(sarifFiles, { cwd: io.cwd, version: io.version, exitCode: code }), null, 2)}\n`);
    else {
      const found = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), ...(counts.info ? [`${counts.info} info`] : [])].join(', ');
      io.stderr(`${plural(files.length, 'file')}: ${found}${unreadable ? ` (${unreadable} could not be read)` : ''}\n`);
    }
    return code;
  },
};
