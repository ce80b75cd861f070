import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import { runProgram } from '../../../src/cli/program';
import { lintCommand, type LintOutputProblem } from '../../../src/cli/commands/lint';
import { escapeData, escapeProperty, workflowCommand } from '../../../src/cli/formats/github';
import { README_URL, SARIF_SCHEMA } from '../../../src/cli/formats/sarif';
import { LINT_CODES, type LintCode } from '../../../src/core/lint';
import { RULES_DOC } from '../../../src/vscode/ids';
import { fakeIo } from './fake-io';

const ROOT = path.resolve(__dirname, '../../../..');
const SCHEMA_DIR = path.join(ROOT, 'test/fixtures/sarif');
const info = { name: 'jumpcloud-csv', version: 'test' };

/** A warning (Emial), an info (EMAIL) and two errors (the e-mail and sudo values). */
const MIXED = 'Username,Emial,EMAIL,sudo\nalice,x,alice@example,maybe\n';
const ERRORS_ONLY = 'Username,Email\nbob,bob@example\n';
const CLEAN = 'Username,Email\ncarol,carol@example.com\n';

/**
 * The formats the schema names, as RFC 3986 defines them (ajv-formats is not a dependency): only URI characters, every
 * `%` starting an escape, a scheme for `uri`, and no `:` in the first segment of a relative reference (it would read
 * as a scheme). Strict enough to refuse an unencoded space, a backslash or a path passed off as an absolute URI.
 */
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const wellEscaped = (s: string) => URI_CHARS.test(s) && !/%(?![0-9A-Fa-f]{2})/.test(s);
const hasScheme = (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s);
const FORMATS = {
  uri: (s: string) => wellEscaped(s) && hasScheme(s),
  'uri-reference': (s: string) => wellEscaped(s) && (hasScheme(s) || !/^[^/?#]*:/.test(s)),
  'date-time': (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
};

function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  // The default Ajv class is draft-07, the schema's dialect; strict mode is Ajv's own lint of schemas, not JSON Schema.
  const ajv = new Ajv({ allErrors: true, strict: false, formats: FORMATS });
  return ajv.compile(schema);
}

// The subset of the SARIF log the assertions read.
interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string; index?: number };
    region?: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string };
  defaultConfiguration: { level: string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    artifacts: { location: { uri: string; uriBaseId?: string } }[];
    invocations: { executionSuccessful: boolean; exitCode: number; toolExecutionNotifications?: { level: string; message: { text: string }; locations: SarifLocation[] }[] }[];
    results: SarifResult[];
  }[];
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

describe('jumpcloud-csv lint --format sarif | github', () => {
  let dir: string;
  let validate: ValidateFunction;
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  };
  const program = async (argv: string[], cwd = dir) => {
    const io = fakeIo(cwd);
    const code = await runProgram(info, [lintCommand], ['lint', ...argv], io);
    return { code, out: io.out, err: io.err };
  };
  const sarif = async (argv: string[], cwd = dir) => {
    const r = await program(['--format', 'sarif', ...argv], cwd);
    return { ...r, log: JSON.parse(r.out) as SarifLog };
  };
  const json = async (argv: string[]) => JSON.parse((await program(['--format', 'json', ...argv])).out) as LintOutputProblem[];
  const assertValid = (log: unknown) => assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

  before(() => (validate = sarifValidator()));
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-lint-formats-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('the vendored schema', () => {
    it('is the file its README names, byte for byte', () => {
      const readme = fs.readFileSync(path.join(SCHEMA_DIR, 'README.md'), 'utf8');
      const recorded = /sha256 \| `([0-9a-f]{64})`/.exec(readme)?.[1];
      const actual = crypto.createHash('sha256').update(fs.readFileSync(path.join(SCHEMA_DIR, 'sarif-schema-2.1.0.json'))).digest('hex');
      assert.equal(actual, recorded);
    });

    it('refuses what SARIF 2.1.0 does not allow (the validator is not vacuous)', () => {
      const minimal = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] };
      assert.ok(validate(minimal), JSON.stringify(validate.errors));
      const result = (extra: object) => ({ ...minimal, runs: [{ ...minimal.runs[0], results: [{ message: { text: 'm' }, ...extra }] }] });
      assert.ok(!validate(result({ level: 'info' })), 'SARIF has no "info" level');
      assert.ok(!validate(result({ locations: [{ physicalLocation: { artifactLocation: { uri: 'my users.csv' } } }] })), 'an unencoded space');
      assert.ok(!validate(result({ locations: [{ physicalLocation: { artifactLocation: { uri: 'a.csv' }, region: { startLine: 0 } } }] })), 'lines from 1');
      assert.ok(!validate({ ...minimal, runs: [{ ...minimal.runs[0], invocations: [{ exitCode: 2 }] }] }), 'executionSuccessful is required');
    });
  });

  describe('SARIF', () => {
    it('writes one valid log for all files: errors, warnings and infos, a second file, an unreadable one', async () => {
      const mixed = write('users/JCUserUpdateImport_12-01-2026.csv', MIXED);
      const second = write('errors.csv', ERRORS_ONLY);
      const r = await sarif([mixed, 'missing.csv', second]);
      assert.equal(r.code, 2, 'a file that cannot be read is exit code 2, as in text');
      assertValid(r.log);
      assert.equal(r.err, 'jumpcloud-csv lint: cannot read missing.csv: no such file\n');

      assert.equal(r.log.$schema, SARIF_SCHEMA);
      assert.equal(r.log.version, '2.1.0');
      assert.equal(r.log.runs.length, 1);
      const [run] = r.log.runs;
      assert.equal(run.tool.driver.name, 'jumpcloud-csv');
      assert.equal(run.tool.driver.version, 'test', 'the version from CliIo');
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(dir).href}/`);
      assert.deepEqual(
        run.artifacts.map(a => a.location),
        [
          { uri: 'users/JCUserUpdateImport_12-01-2026.csv', uriBaseId: '%SRCROOT%' },
          { uri: 'missing.csv', uriBaseId: '%SRCROOT%' },
          { uri: 'errors.csv', uriBaseId: '%SRCROOT%' },
        ],
      );

      const [invocation] = run.invocations;
      assert.equal(invocation.executionSuccessful, false);
      assert.equal(invocation.exitCode, 2);
      assert.deepEqual(invocation.toolExecutionNotifications, [
        {
          level: 'error',
          message: { text: 'cannot read missing.csv: no such file' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'missing.csv', uriBaseId: '%SRCROOT%', index: 1 } } }],
        },
      ]);

      // The same problems, places and messages as the JSON format, in SARIF's terms.
      const expected = [...(await json([mixed])), ...(await json([second]))];
      assert.deepEqual(new Set(expected.map(p => p.severity)), new Set(['error', 'warning', 'info']));
      assert.deepEqual(
        run.results.map(res => ({ res, loc: res.locations[0].physicalLocation })).map(({ res, loc }) => ({
          file: loc.artifactLocation.index === 0 ? mixed : second,
          line: loc.region?.startLine,
          column: loc.region?.startColumn,
          endLine: loc.region?.endLine,
          endColumn: loc.region?.endColumn,
          severity: (Object.keys(LEVEL) as (keyof typeof LEVEL)[]).find(s => LEVEL[s] === res.level),
          code: res.ruleId,
          message: res.message.text,
        })),
        expected,
      );
      for (const res of run.results) assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId, 'ruleIndex points at the rule');
    });

    it('describes every lint code as a rule: its doc, its default level, a link to its README anchor', async () => {
      const r = await sarif([write('clean.csv', CLEAN)]);
      const { driver } = r.log.runs[0].tool;
      assert.equal(driver.informationUri, RULES_DOC);
      assert.equal(README_URL, RULES_DOC, "the CLI's README address is the editor's");
      const codes = Object.keys(LINT_CODES) as LintCode[];
      assert.deepEqual(
        driver.rules.map(rule => rule.id),
        codes,
      );
      const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      for (const rule of driver.rules) {
        const { doc, severity } = LINT_CODES[rule.id as LintCode];
        assert.equal(rule.shortDescription.text, doc);
        assert.equal(rule.fullDescription.text, doc);
        assert.ok(rule.help.text.startsWith(doc), rule.id);
        assert.equal(rule.defaultConfiguration.level, LEVEL[severity]);
        assert.equal(rule.helpUri, `${RULES_DOC}#${rule.id}`);
        assert.ok(readme.includes(`<a id="${rule.id}"></a>`), `README anchor #${rule.id}`);
      }
    });

    it('exits 0 on clean files with an empty result list, and 1 on errors', async () => {
      const clean = await sarif([write('clean.csv', CLEAN)]);
      assert.equal(clean.code, 0);
      assertValid(clean.log);
      assert.deepEqual(clean.log.runs[0].results, []);
      assert.deepEqual(clean.log.runs[0].invocations, [{ executionSuccessful: true, exitCode: 0 }]);
      assert.equal(clean.err, '', 'stdout is the log; nothing else is said');

      const errors = await sarif([write('errors.csv', ERRORS_ONLY)]);
      assert.equal(errors.code, 1);
      assertValid(errors.log);
      assert.deepEqual(errors.log.runs[0].invocations, [{ executionSuccessful: true, exitCode: 1 }]);
      assert.deepEqual(
        errors.log.runs[0].results.map(res => [res.ruleId, res.level]),
        [['invalid-email', 'error']],
      );
    });

    it('percent-encodes names, and gives a file outside the folder its file URI with no base', async () => {
      const spaced = write('sub dir/my users #1.csv', MIXED);
      fs.writeFileSync(path.join(dir, 'outside.csv'), ERRORS_ONLY);
      const cwd = path.join(dir, 'work');
      fs.mkdirSync(cwd);
      const r = await sarif([path.join('..', spaced), '../outside.csv', path.join(dir, 'outside.csv')], cwd);
      assertValid(r.log);
      const uris = r.log.runs[0].artifacts.map(a => a.location);
      // Named twice (relative and absolute), outside.csv is one artifact: the schema wants artifacts unique.
      assert.deepEqual(uris, [
        { uri: pathToFileURL(path.join(dir, spaced)).href },
        { uri: pathToFileURL(path.join(dir, 'outside.csv')).href },
      ]);
      assert.match(uris[0].uri, /sub%20dir\/my%20users%20%231\.csv$/);

      const inside = await sarif([spaced]);
      assertValid(inside.log);
      assert.deepEqual(inside.log.runs[0].artifacts[0].location, { uri: 'sub%20dir/my%20users%20%231.csv', uriBaseId: '%SRCROOT%' });
    });

    it('keeps messages on one line with control characters shown, as text does', async () => {
      const r = await sarif([write('ctl.csv', 'Username,Email\nalice,"a\u001b[31m\u0007b"\n')]);
      assertValid(r.log);
      const [result] = r.log.runs[0].results;
      assert.equal(result.message.text, 'Email "a\\u001b[31m\\u0007b" in row 2 is not a valid e-mail address.');
    });
  });

  describe('GitHub workflow commands', () => {
    /** What the runner reads back from a command line: its kind, properties and message, unescaped. */
    function parseCommand(line: string): { kind: string; properties: Record<string, string>; message: string } {
      const match = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
      assert.ok(match, line);
      const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
      const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
      const properties = Object.fromEntries(
        match[2].split(',').map(pair => {
          const at = pair.indexOf('=');
          return [pair.slice(0, at), unescapeProperty(pair.slice(at + 1))];
        }),
      );
      return { kind: match[1], properties, message: unescapeData(match[3]) };
    }

    it('annotates every problem (error, warning, notice) where the JSON format puts it, with the summary on stderr', async () => {
      const file = write('users/JCUserUpdateImport_12-01-2026.csv', MIXED);
      const r = await program(['--format', 'github', file]);
      assert.equal(r.code, 1);
      assert.equal(r.err, '1 file: 2 errors, 1 warning, 1 info\n', 'the text format\'s summary');
      const lines = r.out.split('\n');
      assert.equal(lines.pop(), '', 'one command a line');
      const expected = await json([file]);
      assert.deepEqual(
        lines.map(parseCommand),
        expected.map(p => ({
          kind: { error: 'error', warning: 'warning', info: 'notice' }[p.severity],
          properties: { file, line: `${p.line}`, col: `${p.column}`, endLine: `${p.endLine}`, endColumn: `${p.endColumn}`, title: p.code },
          message: p.message,
        })),
      );
      assert.equal(
        lines[0],
        `::warning file=${file},line=1,col=10,endLine=1,endColumn=15,title=misspelled-header::Header "Emial" (column 2) is not a JumpCloud column. Did you mean "Email"? As written, the import ignores it.`,
      );
    });

    it('escapes commas, colons, percent signs and line breaks, and shows control characters, so no file can inject a command', async () => {
      const file = write('a,b:c%d.csv', 'Username,Email\nalice,"x,y:z%41%0A\u001b[2J\u0007::error::fake"\n');
      const r = await program(['--format', 'github', file]);
      assert.equal(r.code, 1);
      assert.equal(
        r.out,
        '::error file=a%2Cb%3Ac%25d.csv,line=2,col=7,endLine=2,endColumn=38,title=invalid-email::' +
          'Email "x,y:z%2541%250A\\u001b[2J\\u0007::error::fake" in row 2 is not a valid e-mail address.\n',
      );
      const parsed = parseCommand(r.out.trimEnd());
      assert.equal(parsed.properties.file, 'a,b:c%d.csv');
      assert.equal(parsed.message, 'Email "x,y:z%41%0A\\u001b[2J\\u0007::error::fake" in row 2 is not a valid e-mail address.');
      assert.doesNotMatch(r.out.slice(0, -1), /[\u0000-\u001f\u007f-\u009f]/, 'no control character but the final line break');
    });

    it('writes a file name with a line break in it on one line', async () => {
      const file = write('two\nlines.csv', ERRORS_ONLY);
      const r = await program(['--format', 'github', file]);
      assert.equal(r.out.split('\n').length, 2, r.out);
      assert.match(r.out, /^::error file=two lines\.csv,line=2,/);
    });

    it('annotates a file that cannot be read, exits 2 and still lints the others', async () => {
      const r = await program(['--format', 'github', 'missing.csv', write('clean.csv', CLEAN)]);
      assert.equal(r.code, 2);
      assert.equal(r.out, '::error file=missing.csv,title=jumpcloud-csv lint::cannot read: no such file\n');
      assert.equal(r.err, 'jumpcloud-csv lint: cannot read missing.csv: no such file\n2 files: 0 errors, 0 warnings (1 could not be read)\n');
    });

    it('escapes as the runner unescapes: % first in data, then : and , in properties', () => {
      assert.equal(escapeData('100%\r\nnext %0A'), '100%25%0D%0Anext %250A');
      assert.equal(escapeProperty('C:\\a,b\n%'), 'C%3A\\a%2Cb%0A%25');
      assert.equal(
        workflowCommand({ severity: 'info', file: 'x:y.csv', title: 'a,b', message: 'line 1\nline 2 ::warning::x' }),
        '::notice file=x%3Ay.csv,title=a%2Cb::line 1%0Aline 2 ::warning::x\n',
      );
    });
  });

  it('documents both formats in --help', async () => {
    const r = await program(['--help']);
    assert.equal(r.code, 0);
    for (const text of ['--format text|json|sarif|github', 'SARIF 2.1.0', 'code', 'workflow command']) assert.ok(r.out.includes(text), text);
  });

  it('refuses another format, naming the four', async () => {
    write('a.csv', CLEAN);
    const r = await program(['a.csv', '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'jumpcloud-csv lint: --format must be text or json, or sarif or github for pipelines, not "xml"\n');
    assert.equal(r.out, '');
  });
});
