import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IMPORT_CONCURRENCY, NEW_USER_STATE_SETTING } from '../../src/core/import/settings';
import { DEFAULT_MAX_PROBLEMS } from '../../src/core/lint/reporter';
import { USER_CSV_FILE_PATTERNS } from '../../src/core/template';
import * as ids from '../../src/vscode/ids';

const ROOT = path.resolve(__dirname, '../../..');

interface Manifest {
  contributes: {
    languages: { id: string; filenamePatterns: string[] }[];
    commands: { command: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    viewsContainers: Record<string, { id: string }[]>;
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; when?: string }[];
    configuration: { properties: Record<string, { default?: unknown; minimum?: number; maximum?: number; enum?: unknown[] }> };
  };
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** One fact, one place: the manifest and the code agree, and the code spells each id once (in src/vscode/ids.ts). */
describe('package.json and src/vscode/ids.ts', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const { contributes } = manifest;

  it('declare the same commands, settings and language', () => {
    assert.deepEqual(contributes.commands.map(c => c.command).sort(), Object.values(ids.COMMAND).sort());
    assert.deepEqual(Object.keys(contributes.configuration.properties).sort(), Object.values(ids.SETTING).sort());
    for (const setting of Object.values(ids.SETTING)) assert.ok(setting.startsWith(`${ids.SETTINGS_SECTION}.`), setting);
    assert.ok(ids.SETTING.lintRules.startsWith(`${ids.LINT_SETTINGS_PREFIX}.`));
    assert.deepEqual(contributes.languages.map(l => l.id), [ids.LANGUAGE_ID]);
    const menuCommands = Object.values(contributes.menus).flatMap(items => items.map(i => i.command));
    for (const c of menuCommands) assert.ok(Object.values(ids.COMMAND).includes(c as never), c);
  });

  it('declare the same views, and the when clauses name only those views and context keys', () => {
    assert.deepEqual(Object.values(contributes.viewsContainers).flat().map(c => c.id), [ids.VIEW.container]);
    assert.deepEqual(Object.keys(contributes.views), [ids.VIEW.container]);
    assert.deepEqual(Object.values(contributes.views).flat().map(v => v.id), [ids.VIEW.importResults]);
    for (const w of contributes.viewsWelcome) assert.equal(w.view, ids.VIEW.importResults);
    const clauses = [...Object.values(contributes.menus).flat().map(i => i.when ?? ''), ...contributes.viewsWelcome.map(w => w.when ?? '')].join(' ');
    for (const [, view] of clauses.matchAll(/\bview == ([\w.]+)/g)) assert.ok(Object.values(ids.VIEW).includes(view as never), view);
    for (const [, key] of clauses.matchAll(/\b(jumpcloud\.[\w.]+)/g)) assert.ok([...Object.values(ids.VIEW), ...Object.values(ids.CONTEXT_KEY)].includes(key as never), key);
  });

  it('matches the results tree\'s contextValues (built in ids.ts) in every viewItem clause, each to the items meant', () => {
    const values = [
      ...[false, true].flatMap(retry => [false, true].map(created => ids.runItemContext({ retry, created }))),
      ...(['user', 'step'] as const).flatMap(kind => [false, true].map(error => ids.userOrStepItemContext(kind, error))),
    ];
    const clauses = Object.values(contributes.menus).flatMap(items => items.flatMap(i => [...(i.when ?? '').matchAll(/viewItem =~ \/(.+?)\/(?:\s|$)/g)].map(m => ({ command: i.command, re: new RegExp(m[1]) }))));
    assert.ok(clauses.length >= 5, 'the tree has item menus');
    const matched = (command: string) => values.filter(v => clauses.some(c => c.command === command && c.re.test(v)));
    for (const { command, re } of clauses) assert.ok(values.some(v => re.test(v)), `${command}: /${re.source}/ matches no contextValue of the tree`);
    assert.deepEqual(matched(ids.COMMAND.retryFailed), [ids.runItemContext({ retry: true, created: false }), ids.runItemContext({ retry: true, created: true })]);
    assert.deepEqual(matched(ids.COMMAND.deleteCreated), [ids.runItemContext({ retry: false, created: true }), ids.runItemContext({ retry: true, created: true })]);
    assert.deepEqual(matched(ids.COMMAND.copyError), [ids.userOrStepItemContext('user', true), ids.userOrStepItemContext('step', true)]);
  });

  it('lists the file names the template writes and the linter reads (filenamePatterns)', () => {
    assert.deepEqual(contributes.languages[0].filenamePatterns, [...USER_CSV_FILE_PATTERNS]);
  });

  it('gives the import\'s settings the range and words the CLI takes (one definition, core/import/settings.ts)', () => {
    const concurrency = contributes.configuration.properties[ids.SETTING.importConcurrency];
    assert.deepEqual([concurrency.default, concurrency.minimum, concurrency.maximum], [IMPORT_CONCURRENCY.default, IMPORT_CONCURRENCY.min, IMPORT_CONCURRENCY.max]);
    const state = contributes.configuration.properties[ids.SETTING.importNewUserState];
    assert.deepEqual(state.enum, [...NEW_USER_STATE_SETTING]);
    assert.equal(state.default, 'organization');
  });

  it('defaults jumpcloud.lint.maxProblems to the linter\'s own cap', () => {
    assert.equal(contributes.configuration.properties[ids.SETTING.lintMaxProblems].default, DEFAULT_MAX_PROBLEMS);
  });

  it('no code in src/ but ids.ts writes a command, setting, status item, storage id or tree item context as a string', () => {
    // Ids named in comments or in messages for people (`jumpcloud.lint.rules` in a doc text) are not uses.
    const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const shared = [...Object.values(ids.COMMAND), ...Object.values(ids.SETTING), ...Object.values(ids.STATUS_ITEM), ...Object.values(ids.STORAGE_KEY), ids.RULES_DOC, ids.TREE_ITEM.run, ids.TREE_ITEM.user, ids.TREE_ITEM.step];
    const idsFile = path.join(ROOT, 'src/vscode/ids.ts');
    const offenders = tsFiles(path.join(ROOT, 'src'))
      .filter(f => f !== idsFile)
      .flatMap(f => {
        const text = withoutComments(fs.readFileSync(f, 'utf8'));
        // The language id is the CLI's program name too; only the editor's code may not spell it.
        const checked = f.startsWith(path.join(ROOT, 'src/vscode')) ? [...shared, ids.LANGUAGE_ID] : shared;
        return checked.filter(id => text.includes(`'${id}'`) || text.includes(`"${id}"`)).map(id => `${path.relative(ROOT, f)}: ${id}`);
      });
    assert.deepEqual(offenders, []);
  });
});
