import * as assert from 'node:assert/strict';
import { lintText, typeFromFileName } from '../../../src/core/lint';
import { SAMPLES, problemsOf } from './helpers';

describe('lint options', () => {
  describe('severity overrides', () => {
    it('raises, and turns off, codes as the rules say; counts follow', () => {
      const plain = lintText(SAMPLES.typicalMistakes);
      assert.deepEqual(plain.counts, { error: 7, warning: 2, info: 2 });
      assert.equal(plain.total, 11);

      const r = lintText(SAMPLES.typicalMistakes, { rules: { 'misspelled-header': 'error', 'header-case': 'off' } });
      assert.deepEqual(problemsOf(r, 'header-case'), []);
      const [unknown] = problemsOf(r, 'misspelled-header');
      assert.equal(unknown.severity, 'error');
      assert.equal(unknown.message, problemsOf(plain, 'misspelled-header')[0].message);
      assert.deepEqual(r.counts, { error: 8, warning: 1, info: 0 });
      assert.equal(r.total, 9);
      assert.equal(r.problems.length, 9);
    });

    it('can lower an error to a warning or info, and turn off duplicate-value (which skips its work)', () => {
      const text = 'Username\nalice\nalice\n';
      assert.equal(lintText(text, { rules: { 'duplicate-value': 'info' } }).problems[0].severity, 'info');
      const off = lintText(text, { rules: { 'duplicate-value': 'off' } });
      assert.deepEqual(off.problems, []);
      assert.equal(off.total, 0);
    });
  });

  describe('maxProblems', () => {
    it('keeps the first N problems, adds the too-many-problems note and still counts everything', () => {
      const all = lintText(SAMPLES.typicalMistakes);
      const capped = lintText(SAMPLES.typicalMistakes, { maxProblems: 3 });
      assert.equal(capped.problems.length, 4);
      assert.deepEqual(capped.problems.slice(0, 3), all.problems.slice(0, 3));
      const note = capped.problems[3];
      assert.equal(note.code, 'too-many-problems');
      assert.equal(note.severity, 'info');
      assert.match(note.message, /first 3 of 11 problems/);
      assert.equal(capped.total, 11);
      assert.deepEqual(capped.counts, all.counts, 'the note itself is not counted');
    });

    it('adds no note when the problems fit, and only the note at 0', () => {
      assert.equal(problemsOf(lintText(SAMPLES.typicalMistakes, { maxProblems: 11 }), 'too-many-problems').length, 0);
      const zero = lintText(SAMPLES.typicalMistakes, { maxProblems: 0 });
      assert.deepEqual(zero.problems.map(p => p.code), ['too-many-problems']);
      assert.equal(zero.total, 11);
    });

    it('caps at 1000 by default', () => {
      const text = 'Username,sudo\n' + Array.from({ length: 1200 }, (_, i) => `u${i},maybe\n`).join('');
      const r = lintText(text);
      assert.equal(r.problems.length, 1001);
      assert.equal(r.total, 1200);
      assert.deepEqual(r.counts, { error: 1200, warning: 0, info: 0 });
      assert.match(r.problems[1000].message, /first 1000 of 1200/);
    });

    it('counts the problems of codes turned off neither in total nor in counts', () => {
      const r = lintText(SAMPLES.typicalMistakes, { maxProblems: 2, rules: { 'header-case': 'off' } });
      assert.equal(r.total, 9);
      assert.match(r.problems[2].message, /first 2 of 9/);
    });
  });

  describe('type-neutral linting (no type)', () => {
    it('asks only for Username, and accepts every column of either type', () => {
      assert.deepEqual(lintText('Username\nalice\n').problems, []);
      assert.deepEqual(lintText('Username,FirstName,Email,account_locked,external_dn\nalice,,,true,cn=alice\n').problems, []);
      assert.deepEqual(problemsOf(lintText('Email\na@example.com\n'), 'missing-header').map(p => p.message), [
        'The header has no "Username" column; every file needs it.',
      ]);
    });

    it('differs from import and update linting exactly where the types differ', () => {
      const text = 'Username,FirstName,account_locked\nalice,,true\n';
      assert.deepEqual(lintText(text).problems.map(p => p.code), []);
      assert.deepEqual(lintText(text, { type: 'update' }).problems.map(p => p.code), []);
      assert.deepEqual(lintText(text, { type: 'import' }).problems.map(p => p.code).sort(), [
        'missing-header', // LastName
        'missing-header', // Email
        'required-value', // FirstName
        'wrong-type-column', // account_locked
      ].sort());
    });
  });

  describe('typeFromFileName', () => {
    it('reads the type from the names the wizard and the reference module write', () => {
      assert.equal(typeFromFileName('JCUserImport_11-21-2026.csv'), 'import');
      assert.equal(typeFromFileName('JCUserUpdateImport_11-21-2026.csv'), 'update');
      assert.equal(typeFromFileName('/home/me/csv/JCUserImport_01-02-2026.csv'), 'import');
      assert.equal(typeFromFileName('C:\\Users\\me\\JCUserUpdateImport_01-02-2026.CSV'), 'update');
      assert.equal(typeFromFileName('jcuserimport_copy.csv'), 'import');
      assert.equal(typeFromFileName('/JCUserUpdateImport_dir/users.csv'), undefined, 'only the base name counts');
    });

    it('says nothing for other names', () => {
      for (const name of ['users.csv', 'JCUserImport.csv', 'JCUserImport_1.txt', 'MyJCUserImport_1.csv', '', 'JCUserImport_1.csv.bak']) {
        assert.equal(typeFromFileName(name), undefined, name);
      }
    });
  });
});
