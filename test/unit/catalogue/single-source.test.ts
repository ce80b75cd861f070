import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COLUMNS, NUMBERED_COLUMNS } from '../../../src/core/catalogue';
import { USER_SCALAR_FIELDS } from '../../../src/core/jumpcloud';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Files that write column names of OTHER files, not the catalogue's: the results CSV keeps the PowerShell module's
 * result columns, the systems side file its own; the local JumpCloud is a test oracle that shares nothing with src/core.
 */
const ELSEWHERE = ['src/core/catalogue/', 'src/emulator/', 'src/core/import/results.ts', 'src/core/template/systems-file.ts'];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('the column catalogue is the single source of header names', () => {
  // Headers that are also API field names (`jobTitle`, `manager`) are legitimately written where the API is spoken.
  const apiNames = new Set<string>([...USER_SCALAR_FIELDS, 'recoveryEmail', 'username', 'email']);
  const headers = COLUMNS.flatMap(c => [c.header, ...c.aliases, ...c.spellings]).filter(h => !apiNames.has(h));
  const numbered = NUMBERED_COLUMNS.map(c => c.header(1).replace(/1/, '')); // `Group`, `Attribute_name`…

  it('finds a header written as a string, so the check can fail', () => {
    const sample = "if (column === 'SystemID') return `Group${n}`;";
    assert.ok(headers.some(h => sample.includes(`'${h}'`)));
    assert.ok(sample.includes('`Group${'));
  });

  it('no file in src/ but the catalogue writes a header name', () => {
    const offenders = tsFiles(path.join(ROOT, 'src'))
      .filter(f => !ELSEWHERE.some(e => path.relative(ROOT, f).startsWith(e)))
      .flatMap(f => {
        const text = withoutComments(fs.readFileSync(f, 'utf8'));
        const quoted = headers.filter(h => text.includes(`'${h}'`) || text.includes(`"${h}"`));
        const built = numbered.map(n => n.split('_')[0]).filter(prefix => text.includes(`\`${prefix}\${`));
        return [...quoted, ...built].map(h => `${path.relative(ROOT, f)}: ${h}`);
      });
    assert.deepEqual(offenders, []);
  });
});
