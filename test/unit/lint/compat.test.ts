import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { UserCsvKind } from '../../../src/core/catalogue';
import { lintText, type LintProblem, type LintResult } from '../../../src/core/lint';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/compat');

interface Expected {
  readonly code: string;
  readonly severity: string;
  /** As a spreadsheet numbers rows: the header is row 1. */
  readonly row: number;
  /** The header of the cell the problem is on, for problems in a data cell. */
  readonly header?: string;
}

interface Case {
  readonly file: string;
  readonly type: UserCsvKind;
  readonly reference: string;
  readonly expect: readonly Expected[];
}

/** The header of the column a problem's span starts in. */
function headerAt(result: LintResult, p: LintProblem): string | undefined {
  const record = p.record === undefined || p.record === 0 ? undefined : result.document.records[p.record - 1];
  const index = record?.fields.findIndex(f => f.start <= p.span.start && p.span.start <= f.end);
  return index === undefined || index < 0 ? undefined : result.columns?.columns[index]?.name;
}

describe('compatibility corpus: files written for JumpCloud\'s PowerShell module', () => {
  const cases = JSON.parse(fs.readFileSync(path.join(DIR, 'expectations.json'), 'utf8')) as Case[];

  it('covers files the module imports and files it rejects', () => {
    assert.ok(cases.filter(c => c.expect.every(e => e.severity === 'info')).length >= 8);
    assert.ok(cases.filter(c => c.expect.some(e => e.severity === 'error')).length >= 4);
  });

  for (const c of cases) {
    it(`${c.file}: ${c.expect.length ? c.expect.map(e => `${e.severity} ${e.code}`).join(', ') : 'nothing'} (${c.reference})`, () => {
      const result = lintText(fs.readFileSync(path.join(DIR, c.file), 'utf8'), { type: c.type });
      const found = result.problems.map(p => ({ code: p.code, severity: p.severity, row: (p.record ?? 0) + 1, ...(headerAt(result, p) && p.record ? { header: headerAt(result, p) } : {}) }));
      // Nothing the module imports as intended may raise an error or a warning; infos are listed where expected.
      const serious = found.filter(p => p.severity !== 'info');
      assert.deepEqual(serious, c.expect.filter(e => e.severity !== 'info'), result.problems.map(p => p.message).join('\n'));
      for (const e of c.expect.filter(x => x.severity === 'info')) assert.ok(found.some(p => p.code === e.code && p.row === e.row), `${e.code} on row ${e.row}`);
    });
  }
});
