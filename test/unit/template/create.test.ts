import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCsv } from '../../../src/core/csv';
import { escapeFormula, formatCsv, formatSafeCsv } from '../../../src/core/csv/write';
import type { OrgSnapshot } from '../../../src/core/org';
import { createTemplate, diskFolder, systemsFileName, templateFileName, type ConflictChoice, type FileConflict, type TemplateRequest } from '../../../src/core/template';

const DATE = new Date(2026, 1, 3);
const ORG: OrgSnapshot = {
  name: 'Test',
  users: [{ id: 'u2', username: 'zoe' }, { id: 'u1', username: 'ana' }],
  groups: [],
  systems: [
    { id: 's1', hostname: "=cmd|' /C calc'!A0", displayName: '@SUM(A1)' },
    { id: 's2', hostname: 'web-01', displayName: 'Web Server' },
  ],
  ldapServers: [],
};
const request = (over: Partial<TemplateRequest> = {}): TemplateRequest => ({
  answers: { type: 'update', blocks: new Set(['systems']), groups: 0, attributes: 0 },
  populate: true,
  systemsFile: true,
  date: DATE,
  ...over,
});

describe('createTemplate', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-create-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (choice: ConflictChoice, asked: FileConflict[] = [], org: OrgSnapshot | 'unreadable' = ORG, over: Partial<TemplateRequest> = {}) =>
    createTemplate(request(over), {
      folder: diskFolder(dir),
      organization: () => Promise.resolve(org === 'unreadable' ? undefined : org),
      onConflict: c => {
        asked.push(c);
        return Promise.resolve(choice);
      },
    });
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const templateName = templateFileName('update', DATE);
  const systemsName = systemsFileName(DATE);

  it('writes the template and the devices list, reading the organization once, and asks nothing when the names are free', async () => {
    const asked: FileConflict[] = [];
    const outcome = await run('cancel', asked);
    assert.equal(outcome.kind, 'written');
    assert.deepEqual(asked, []);
    assert.equal(read(templateName), 'Username,SystemID,Administrator\r\nana,,\r\nzoe,,\r\n');
    assert.ok(read(systemsName).startsWith('HostName,DisplayName,SystemID,lastContact\r\n'));
  });

  it('says so, and writes nothing, when the organization it needs cannot be read', async () => {
    assert.deepEqual(await run('replace', [], 'unreadable'), { kind: 'no-organization' });
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('never replaces an existing file unless told to: cancel writes nothing at all, keep-both picks a free name', async () => {
    fs.writeFileSync(path.join(dir, systemsName), 'mine');
    fs.writeFileSync(path.join(dir, 'JCSystems_02-03-2026 (2).csv'), 'mine too');
    const asked: FileConflict[] = [];
    assert.deepEqual(await run('cancel', asked), { kind: 'cancel' });
    assert.deepEqual(asked, [{ file: 'systems', name: systemsName, alternative: 'JCSystems_02-03-2026 (3).csv' }]);
    assert.equal(read(systemsName), 'mine');
    assert.ok(!fs.existsSync(path.join(dir, templateName)), 'the template waits for every answer');

    const kept = await run('keep-both');
    assert.ok(kept.kind === 'written' && kept.systems?.name === 'JCSystems_02-03-2026 (3).csv');
    assert.equal(read(systemsName), 'mine');
    assert.equal((await run('back')).kind, 'back');
  });

  it('replaces a symbolic link itself, never the file it points to', async function () {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-create-target-'));
    try {
      const target = path.join(outside, 'precious.txt');
      fs.writeFileSync(target, 'precious');
      try {
        fs.symlinkSync(target, path.join(dir, templateName));
      } catch {
        this.skip(); // no symlinks on this file system
      }
      assert.equal((await run('replace', [], ORG, { systemsFile: false })).kind, 'written');
      assert.equal(fs.readFileSync(target, 'utf8'), 'precious');
      assert.ok(!fs.lstatSync(path.join(dir, templateName)).isSymbolicLink());
      assert.match(read(templateName), /^Username,SystemID,Administrator\r\n/);
      assert.deepEqual(fs.readdirSync(dir).filter(f => f.endsWith('.partial')), [], 'no temporary file is left');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a "new" write fails on a dangling link instead of creating its target', async function () {
    const target = path.join(dir, 'created-through-link.csv');
    try {
      fs.symlinkSync(target, path.join(dir, 'link.csv'));
    } catch {
      this.skip();
    }
    await assert.rejects(diskFolder(dir).write('link.csv', 'x', 'new'), /EEXIST/);
    assert.ok(!fs.existsSync(target));
  });

  it('escapes device names a spreadsheet would run as formulas', async () => {
    await run('cancel');
    const rows = readCsv(read(systemsName)).records.map(r => r.fields.map(f => f.value));
    assert.deepEqual(rows.find(r => r[2] === 's1'), ["'=cmd|' /C calc'!A0", "'@SUM(A1)", 's1', '']);
    assert.deepEqual(rows.find(r => r[2] === 's2'), ['web-01', 'Web Server', 's2', '']);
  });
});

describe('the CSV writer of product files', () => {
  it('puts an apostrophe before = + - @ tab and carriage return, and changes nothing else', () => {
    for (const v of ['=1+1', '+1 555', '-2', '@x', '\tx', '\rx']) assert.equal(escapeFormula(v), `'${v}`);
    for (const v of ['', 'a=b', "'quoted", ' =spaced', '1-2', 'x@y']) assert.equal(escapeFormula(v), v);
    assert.equal(formatSafeCsv([['=A', 'b'], ['c', '-1']], '\r\n'), "'=A,b\r\nc,'-1\r\n");
  });

  it('leaves the lossless writer (used for edits of a person\'s own file) unchanged', () => {
    assert.equal(formatCsv([['=A', '-1']]), '=A,-1\n');
  });
});
