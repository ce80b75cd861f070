import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProgram } from '../../../src/cli/program';
import { lintCommand, locator, type LintOutputProblem } from '../../../src/cli/commands/lint';
import { fakeIo } from './fake-io';
import { startEmulator, SAMPLE_ORGANIZATION } from '../../../src/emulator';

const info = { name: 'jumpcloud-csv', version: 'test' };

const CLEAN_IMPORT = 'FirstName,LastName,Username,Email\r\nAda,Lovelace,alovelace,ada@example.com\r\n';
/** Only updates may have no FirstName; as an import it misses three columns. */
const CLEAN_UPDATE = 'Username,mobile_number\nalovelace,+1 555 0100\n';

describe('jumpcloud-csv lint', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  };
  const program = async (...argv: string[]) => {
    const io = fakeIo(dir);
    const code = await runProgram(info, [lintCommand], ['lint', ...argv], io);
    return { code, out: io.out, err: io.err };
  };
  const json = async (...argv: string[]) => {
    const r = await program('--format', 'json', ...argv);
    return { ...r, problems: JSON.parse(r.out) as LintOutputProblem[] };
  };

  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-lint-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('exit codes', () => {
    it('exits 0 on a clean file, printing nothing but the summary', async () => {
      const r = await program(write('JCUserImport_11-21-2026.csv', CLEAN_IMPORT));
      assert.equal(r.code, 0);
      assert.equal(r.out, '');
      assert.equal(r.err, '1 file: 0 errors, 0 warnings\n');
    });

    it('exits 0 when there are only warnings and infos', async () => {
      const r = await program(write('users.csv', 'Username,Emial,EMAIL\nalice,x,alice@example.com\n'));
      assert.equal(r.code, 0, r.err);
      assert.equal(
        r.out,
        'users.csv:1:10: warning misspelled-header Header "Emial" (column 2) is not a JumpCloud column. Did you mean "Email"? As written, the import ignores it.\n' +
          'users.csv:1:16: info header-case Header "EMAIL" (column 3) is usually written "Email".\n',
      );
      assert.equal(r.err, '1 file: 0 errors, 1 warning, 1 info\n');
    });

    it('exits 1 when any problem is an error, printing one line per problem in file order', async () => {
      const r = await program(write('users.csv', 'Username,Email,sudo\nalice,alice@example,maybe\nalice,bob@example.com,true\n'));
      assert.equal(r.code, 1);
      assert.equal(
        r.out,
        [
          'users.csv:2:7: error invalid-email Email "alice@example" in row 2 is not a valid e-mail address.',
          'users.csv:2:21: error invalid-boolean sudo "maybe" in row 2 is not a boolean; write true or false.',
          'users.csv:3:1: error duplicate-value Username "alice" in row 3 is also in row 2; it must be unique.',
          '',
        ].join('\n'),
      );
      assert.equal(r.err, '1 file: 3 errors, 0 warnings\n');
    });

    it('exits 2, naming the file, when a file cannot be read, and still lints the others', async () => {
      const bad = write('bad.csv', 'Username,Email\nalice,nope\n');
      fs.mkdirSync(path.join(dir, 'folder.csv'));
      const r = await program('missing.csv', bad, 'folder.csv');
      assert.equal(r.code, 2);
      assert.equal(r.out, 'bad.csv:2:7: error invalid-email Email "nope" in row 2 is not a valid e-mail address.\n');
      const lines = r.err.trim().split('\n');
      assert.equal(lines.length, 3, r.err);
      assert.equal(lines[0], 'jumpcloud-csv lint: cannot read missing.csv: no such file');
      assert.match(lines[1], /^jumpcloud-csv lint: cannot read folder\.csv: /);
      assert.equal(lines[2], '3 files: 1 error, 0 warnings (2 could not be read)');
    });

    for (const [argv, message] of [
      [[], /at least one CSV file/],
      [['a.csv', '--type', 'new'], /--type must be import or update/],
      [['a.csv', '--format', 'xml'], /--format must be text or json/],
      [['a.csv', '--max-problems', '0'], /--max-problems 0/],
      [['a.csv', '--max-problems', 'ten'], /whole number/],
      [['a.csv', '--max-problems'], /argument missing/i],
      [['a.csv', '--fix'], /Unknown option/i],
    ] as const) {
      it(`exits 2 on bad usage: lint ${argv.join(' ')}`, async () => {
        write('a.csv', CLEAN_UPDATE);
        const r = await program(...argv);
        assert.equal(r.code, 2);
        assert.match(r.err, message);
        assert.equal(r.err.trim().split('\n').length, 1, r.err);
        assert.equal(r.out, '');
      });
    }

    it('prints its usage with --help', async () => {
      const r = await program('--help');
      assert.equal(r.code, 0);
      assert.equal(r.out, `${lintCommand.usage}\n`);
      for (const flag of ['--type import|update', '--format text|json', '--max-problems N', 'Exit codes']) assert.ok(r.out.includes(flag), flag);
    });
  });

  describe('JSON output', () => {
    it('is one array with 1-based lines and columns; a BOM does not shift line 1', async () => {
      const file = write('bom.csv', '\uFEFFUsername,EMAIL\r\nalice,alice@example\r\nbob,"bob@example.com\r\n');
      const r = await json(file);
      assert.equal(r.code, 1);
      assert.deepEqual(r.problems, [
        // EMAIL is at offset 10 (after the BOM) = the 10th visible character of line 1.
        { file, line: 1, column: 10, endLine: 1, endColumn: 15, severity: 'info', code: 'header-case', message: 'Header "EMAIL" (column 2) is usually written "Email".' },
        { file, line: 2, column: 7, endLine: 2, endColumn: 20, severity: 'error', code: 'invalid-email', message: 'EMAIL "alice@example" in row 2 is not a valid e-mail address.' },
        {
          file,
          line: 3,
          column: 5,
          endLine: 4,
          endColumn: 1,
          severity: 'error',
          code: 'unclosed-quote',
          message: 'Row 3, field 2 (EMAIL): the quoted field starting here is never closed, so the rest of the file was read into it. Add the closing quote (").',
        },
        { file, line: 3, column: 5, endLine: 4, endColumn: 1, severity: 'warning', code: 'whitespace', message: 'EMAIL "bob@example.com " in row 3 has leading or trailing spaces; the import sends it without them.' },
      ]);
      assert.equal(r.err, '', 'no summary in JSON mode');
    });

    it('places the same problems without a BOM one column further right on line 1 only', async () => {
      const withBom = await json(write('a.csv', '\uFEFFUsername,EMAIL\nalice,x\n'));
      const without = await json(write('b.csv', 'Username,EMAIL\nalice,x\n'));
      assert.deepEqual(
        withBom.problems.map(p => [p.code, p.line, p.column, p.endColumn]),
        [['header-case', 1, 10, 15], ['invalid-email', 2, 7, 8]],
      );
      assert.deepEqual(
        without.problems.map(p => [p.code, p.line, p.column, p.endColumn]),
        [['header-case', 1, 10, 15], ['invalid-email', 2, 7, 8]],
      );
    });

    it('covers several files in one array, in argument order, and is an empty array when all are clean', async () => {
      const a = write('a.csv', 'Username,Foo\nalice,1\n');
      const b = write('b.csv', 'Username\nalice\nALICE\n');
      const r = await json(b, a);
      assert.equal(r.code, 1);
      assert.deepEqual(r.problems.map(p => [p.file, p.code]), [['b.csv', 'duplicate-value'], ['a.csv', 'unknown-header']]);
      assert.deepEqual(Object.keys(r.problems[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
      const clean = await json(write('JCUserUpdateImport_1.csv', CLEAN_UPDATE));
      assert.equal(clean.code, 0);
      assert.equal(clean.out, '[]\n');
    });

    it('caps each file at --max-problems, puts the note last at 1:1, and still exits on every error found', async () => {
      const file = write('many.csv', '\uFEFFUsername,sudo\nu1,maybe\nu2,maybe\nu3,maybe\n');
      const r = await json('--max-problems', '2', file);
      assert.equal(r.code, 1);
      assert.deepEqual(r.problems.map(p => [p.code, p.line, p.column]), [['invalid-boolean', 2, 4], ['invalid-boolean', 3, 4], ['too-many-problems', 1, 1]]);
      assert.match(r.problems[2].message, /first 2 of 3/);
      const text = await program('--max-problems', '2', file);
      assert.equal(text.err, '1 file: 3 errors, 0 warnings\n', 'the summary counts every problem found, and the note is not one');
    });
  });

  describe('file types', () => {
    it('takes the type from the file name, else lints type-neutrally', async () => {
      assert.equal((await program(write('JCUserUpdateImport_11-21-2026.csv', CLEAN_UPDATE))).code, 0);
      const asImport = await json(write('JCUserImport_11-21-2026.csv', CLEAN_UPDATE));
      assert.equal(asImport.code, 1);
      assert.deepEqual(asImport.problems.map(p => p.code), ['missing-header', 'missing-header', 'missing-header']);
      // No type in the name: account_locked (update only) and a missing Email are fine.
      assert.equal((await program(write('users.csv', 'Username,account_locked\nalice,true\n'))).code, 0);
    });

    it('lets --type override the file name for every file', async () => {
      const update = write('JCUserUpdateImport_11-21-2026.csv', CLEAN_UPDATE);
      const plain = write('users.csv', 'Username,account_locked\nalice,true\n');
      const r = await json('--type', 'import', update, plain);
      assert.equal(r.code, 1);
      assert.deepEqual(r.problems.map(p => `${p.file} ${p.code}`), [
        `${update} missing-header`,
        `${update} missing-header`,
        `${update} missing-header`,
        // In file order: the missing headers are reported on the whole header line, which starts first.
        `${plain} missing-header`,
        `${plain} missing-header`,
        `${plain} missing-header`,
        `${plain} wrong-type-column`,
      ]);
      assert.equal((await program('--type', 'update', write('JCUserImport_1.csv', CLEAN_UPDATE))).code, 0);
    });
  });

  describe('text output', () => {
    it('prints files in argument order with a summary over all of them, and resolves paths from the cwd', async () => {
      fs.mkdirSync(path.join(dir, 'sub'));
      write('sub/a.csv', 'Username,Emial\nalice,x\n');
      write('b.csv', 'Username,sudo\nbob,$true\n');
      const r = await program('sub/a.csv', 'b.csv');
      assert.equal(r.code, 0);
      assert.deepEqual(r.out.trim().split('\n').map(l => l.split(' ').slice(0, 3).join(' ')), [
        'sub/a.csv:1:10: warning misspelled-header',
        'b.csv:2:5: info powershell-boolean',
      ]);
      assert.equal(r.err, '2 files: 0 errors, 1 warning, 1 info\n');
    });

    it('keeps every problem on one line, even when a header holds a line break', async () => {
      const r = await program(write('nl.csv', '"Foo\r\nBar",Username\nx,alice\n'));
      assert.equal(r.out, 'nl.csv:1:1: info unknown-header Header "Foo Bar" (column 1) is not a JumpCloud column; the import ignores it.\n');
    });
  });

  describe('locator', () => {
    it('counts columns from 1 and skips a BOM on the first line only', () => {
      const bom = locator('\uFEFFab\r\ncd');
      assert.deepEqual(bom(0), { line: 1, column: 1 }, 'the BOM itself');
      assert.deepEqual(bom(1), { line: 1, column: 1 });
      assert.deepEqual(bom(2), { line: 1, column: 2 });
      assert.deepEqual(bom(3), { line: 1, column: 3 }, 'end of line 1');
      assert.deepEqual(bom(5), { line: 2, column: 1 });
      assert.deepEqual(bom(7), { line: 2, column: 3 }, 'end of text');
      const plain = locator('ab\ncd');
      assert.deepEqual(plain(0), { line: 1, column: 1 });
      assert.deepEqual(plain(1), { line: 1, column: 2 });
      assert.deepEqual(plain(3), { line: 2, column: 1 });
      assert.deepEqual(locator('')(0), { line: 1, column: 1 });
    });
  });
});

describe('jumpcloud-csv lint with JC_API_KEY (local JumpCloud)', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let dir: string;
  const KEY = 'cli-test-key-9d8c7b';
  before(async () => {
    emulator = await startEmulator({ apiKey: KEY, seed: SAMPLE_ORGANIZATION });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-lint-org-'));
    fs.writeFileSync(path.join(dir, 'JCUserImport_01-01-2026.csv'), 'FirstName,LastName,Username,Email,Group1\nAna,V,avasquez,new@example.com,Enginering\n');
  });
  after(async () => {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const run = (env: Record<string, string>, ...args: string[]) => {
    const io = fakeIo(dir, env);
    return runProgram({ name: 'jumpcloud-csv', version: 'test' }, [lintCommand], ['lint', 'JCUserImport_01-01-2026.csv', ...args], io).then(code => ({ code, out: io.out, err: io.err }));
  };

  it('reads the organization once and reports org problems', async () => {
    const before = emulator.log.entries.length;
    const r = await run({ JC_API_KEY: KEY, JC_API_URL: emulator.url });
    assert.equal(r.code, 1);
    assert.match(r.out, /user-exists Username "avasquez" in row 2 is already taken/);
    assert.match(r.out, /unknown-group "Enginering" in Group1, row 2, is not a user group in .*Did you mean "Engineering"\?/);
    assert.ok(emulator.log.entries.slice(before).every(e => e.method === 'GET' || e.path.startsWith('/api/search/')), 'reads only');
  });

  it('checks without the organization with --offline, and exits 2 with the reason when it cannot be read (never printing the key)', async () => {
    const offline = await run({ JC_API_KEY: KEY, JC_API_URL: emulator.url }, '--offline');
    assert.equal(offline.code, 0, offline.out);
    const wrong = await run({ JC_API_KEY: 'wrong-key-123456', JC_API_URL: emulator.url });
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /could not read the organization \(.*401.*\).*or pass --offline/);
    assert.equal(wrong.out, '', 'nothing is linted');
    assert.ok(!wrong.err.includes('wrong-key-123456'));
    assert.equal((await run({ JC_API_KEY: 'wrong-key-123456', JC_API_URL: emulator.url }, '--offline')).code, 0, '--offline never reads it');
  });

  for (const [env, reason] of [
    [{ JC_REGION: 'xx' }, /JC_REGION must be one of us, eu, in, not "xx"/],
    [{ JC_API_URL: 'not a url' }, /JC_API_URL: the API address is not a valid URL/],
    [{ JC_API_URL: 'ftp://127.0.0.1:21' }, /JC_API_URL: the API address must start with https:\/\/ or http:\/\/, not ftp:/],
    [{ JC_API_URL: 'http://admin:s3cret-pass@127.0.0.1:1' }, /JC_API_URL: the API address must not contain a user name or password/],
  ] as const) {
    it(`exits 2 at once on a set-up problem, before any request: ${JSON.stringify(env)}`, async () => {
      const before = emulator.log.entries.length;
      const r = await run({ JC_API_KEY: KEY, ...env });
      assert.equal(r.code, 2);
      assert.match(r.err, reason);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.ok(!r.err.includes('s3cret-pass') && !r.err.includes(KEY));
      assert.equal(emulator.log.entries.length, before, 'nothing was sent');
    });
  }
});
