/** Issue 9: the lint CLI with hostile and unusual files and a closed output pipe. */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProgram } from '../../../src/cli/program';
import { lintCommand, terminalText, type LintOutputProblem } from '../../../src/cli/commands/lint';
import { fakeIo } from './fake-io';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');
const info = { name: 'jumpcloud-csv', version: 'test' };

describe('jumpcloud-csv lint with hostile input', () => {
  let dir: string;
  const write = (name: string, data: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), data);
    return name;
  };
  const program = async (...argv: string[]) => {
    const io = fakeIo(dir);
    const code = await runProgram(info, [lintCommand], ['lint', ...argv], io);
    return { code, out: io.out, err: io.err };
  };

  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-lint-hostile-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stops quietly with 141 when its output is closed early (| head -1), without a stack trace', async () => {
    const file = write('many.csv', 'Username,Email\n' + Array.from({ length: 20_000 }, (_, i) => `u${i},bad${i}\n`).join(''));
    const child = spawn(process.execPath, [CLI, 'lint', '--max-problems', '100000', file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    // Read one chunk, then close the pipe as `head` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>(resolve => child.on('close', c => resolve(c)));
    assert.equal(err, '');
    assert.equal(code, 141);
  });

  it('escapes terminal control characters from the file in text output, and cuts long values', async () => {
    const evil = '\x1b[2J\x1b]0;pwned\x07';
    const file = write('evil\x1b[31m.csv', `Username,${evil}${'x'.repeat(1000)}\n${evil},a\n`);
    const r = await program(file);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out + r.err, /[\x00-\x08\x0b-\x1f\x7f]/);
    assert.match(r.out, /\\u001b\[2J/);
    for (const line of r.out.trimEnd().split('\n')) assert.ok(line.length < 700, line);
  });

  it('does not echo a 5 MB header into a message', async () => {
    const r = await program('--format', 'json', write('wide.csv', `Username,${'h'.repeat(5 * 2 ** 20)}\n`));
    const problems = JSON.parse(r.out) as LintOutputProblem[];
    assert.equal(problems.length, 1);
    assert.ok(problems[0].message.length < 300, problems[0].message.slice(0, 300));
  });

  it('reads UTF-16 LE and BE files with a BOM as UTF-8 ones, and reports bytes that are not UTF-8', async () => {
    const text = 'Username,mobile_number\r\njgarcía,+1 555 0100\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    const r = await program('--type', 'update', write('le.csv', le), write('be.csv', be), write('utf8.csv', `\uFEFF${text}`));
    assert.equal(r.code, 0, r.out);
    assert.equal(r.out, '');
    const bad = await program('--type', 'update', write('latin1.csv', Buffer.concat([Buffer.from('Username,Email\njdoe,j'), Buffer.from([0xe9]), Buffer.from('@x.com\n')])));
    assert.equal(bad.code, 1);
    assert.match(bad.out, /^latin1\.csv:2:7: error encoding The file is not valid UTF-8: byte 21 \(0xE9/);
  });

  it('fails an empty, BOM-only, blank or whitespace-only file with one empty-file error', async () => {
    for (const [i, text] of ['', '\uFEFF', '\n\n', '   '].entries()) {
      const r = await program('--format', 'json', write(`JCUserImport_0${i}.csv`, text));
      assert.equal(r.code, 1);
      assert.deepEqual((JSON.parse(r.out) as LintOutputProblem[]).map(p => p.code), ['empty-file']);
    }
  });

  it('tells the user about --max-problems when problems are left out', async () => {
    const r = await program('--max-problems', '2', write('users.csv', 'Username,sudo\na,x\nb,x\nc,x\n'));
    assert.match(r.out, /too-many-problems Showing the first 2 of 3 problems; use --max-problems to see more\.\n$/);
    assert.doesNotMatch(r.out, /jumpcloud\.lint/);
  });

  it('terminalText keeps one bounded line', () => {
    assert.equal(terminalText('a\r\nb\u009b\u202e'), 'a b\\u009b\\u202e');
    assert.equal(terminalText('x'.repeat(10), 5), 'xxxx…');
  });
});
