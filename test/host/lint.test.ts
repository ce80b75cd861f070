import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/vscode/extension';
import { extensionApi } from './helpers/wizard-driver';
import { closeWithoutSaving, codeOf, diagnosticsWhen, fixture, nextLint, openLinted } from './helpers/documents';

describe('linting in the editor', function () {
  let api: ExtensionApi;
  before(async () => (api = await extensionApi()));
  afterEach(async () => {
    while (vscode.window.activeTextEditor) await closeWithoutSaving();
  });

  const mistakes = fixture('lint', 'JCUserImport_01-02-2026.csv');

  it('reports problems with codes, exact ranges and related information', async () => {
    const editor = await openLinted(api, mistakes);
    assert.equal(editor.document.languageId, 'jumpcloud-csv', 'the file name picks the language');
    const diagnostics = await diagnosticsWhen(mistakes, d => d.length > 0);
    const text = (d: vscode.Diagnostic) => editor.document.getText(d.range);
    const find = (code: string, cell: string) => diagnostics.find(d => codeOf(d) === code && text(d) === cell);

    const emial = find('misspelled-header', 'Emial');
    assert.ok(emial, 'misspelled header');
    assert.equal(emial.source, 'JumpCloud');
    assert.equal(emial.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(emial.message, /Did you mean "Email"\?/);
    assert.ok(typeof emial.code === 'object' && emial.code.target.toString().includes('#misspelled-header'));

    const email = find('invalid-email', 'sam.ng@example');
    assert.ok(email);
    assert.equal(email.severity, vscode.DiagnosticSeverity.Error);
    assert.match(email.message, /row 2/);

    const duplicate = find('duplicate-value', 'sng');
    assert.ok(duplicate);
    assert.equal(duplicate.range.start.line, 3);
    assert.equal(duplicate.relatedInformation?.[0].location.range.start.line, 1, 'points at the first occurrence');

    for (const [code, cell] of [['out-of-range', '400'], ['invalid-id', 'abc123'], ['invalid-boolean', 'yes'], ['attribute-pair', 'Attribute1_name'], ['header-case', 'UserName']]) {
      assert.ok(find(code, cell), `${code} on ${cell}`);
    }
  });

  it('offers quick fixes from the diagnostic and applies them', async () => {
    const editor = await openLinted(api, mistakes);
    const diagnostics = await diagnosticsWhen(mistakes, d => d.some(x => codeOf(x) === 'misspelled-header'));
    const emial = diagnostics.find(d => codeOf(d) === 'misspelled-header');
    assert.ok(emial);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', mistakes, emial.range, vscode.CodeActionKind.QuickFix.value, 10);
    const rename = actions.find(a => a.title === 'Rename to "Email"');
    assert.ok(rename?.edit, actions.map(a => a.title).join(' | '));
    const changed = diagnosticsWhen(mistakes, d => !d.some(x => codeOf(x) === 'misspelled-header'));
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.ok(editor.document.lineAt(0).text.includes(',Email,Email,'));
    const after = await changed;
    assert.ok(after.some(d => codeOf(d) === 'duplicate-header'), 'renaming to Email makes it a duplicate, which is reported');
  });

  it('converts a semicolon file to commas with fix all', async () => {
    const uri = fixture('lint', 'JCUserImport_01-04-2026.csv');
    const editor = await openLinted(api, uri);
    const [wrong] = await diagnosticsWhen(uri, d => d.some(x => codeOf(x) === 'wrong-delimiter'));
    assert.equal(codeOf(wrong), 'wrong-delimiter');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.jumpcloud', 10);
    const fixAll = actions.find(a => a.kind?.value === 'source.fixAll.jumpcloud');
    assert.ok(fixAll?.edit);
    const cleared = diagnosticsWhen(uri, d => d.length === 0);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.equal(editor.document.getText(), 'FirstName,LastName,Username,Email,department\nJosé,García,jgarcia,jose.garcia@example.com,Ventas\nMarie,Dupont,mdupont,marie.dupont@example.com,R&D; Labs\n');
    await cleared;
  });

  it('reports nothing for a clean file with quoted newlines and CRLF', async () => {
    const uri = fixture('lint', 'JCUserImport_01-03-2026.csv');
    await openLinted(api, uri);
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
  });

  it('completes headers that are missing and booleans in cells', async () => {
    const editor = await openLinted(api, mistakes);
    const endOfHeader = editor.document.lineAt(0).range.end;
    await editor.edit(b => b.insert(endOfHeader, ','));
    const at = editor.document.lineAt(0).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', mistakes, at);
    const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('department'));
    assert.ok(labels.includes('Group2'), 'the next free group number');
    assert.ok(!labels.includes('FirstName'), 'present headers are not offered');
    assert.ok(!labels.includes('account_locked'), 'update-only columns are not offered in an import file');

    const adminCell = new vscode.Position(2, editor.document.lineAt(2).text.indexOf(',,,true') + 1);
    const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', mistakes, adminCell);
    assert.deepEqual(values.items.map(i => i.label).sort(), ['false', 'true']);
  });

  it('shows the column doc, header and row on hover', async () => {
    const editor = await openLinted(api, mistakes);
    const line = editor.document.lineAt(2).text;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', mistakes, new vscode.Position(2, line.indexOf('400') + 1));
    const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /EnrollmentDays/);
    assert.match(text, /row 3/);
    assert.match(text, /1 to 365/);
    assert.match(text, /Import sends nothing: the value is not valid \(out-of-range\)/, 'the cell as the import reads it');
    const title = editor.document.lineAt(1).text.indexOf('Analyst') + 1;
    const valid = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', mistakes, new vscode.Position(1, title));
    // Attribute1_name has no Attribute1_value column: an error of the header, so the import plans no row at all.
    assert.match(valid.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n'), /Import sends nothing: the import refuses the file \(attribute-pair\)/);
  });

  it('lists rows by username in the outline and counts them in a CodeLens', async () => {
    await openLinted(api, mistakes);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', mistakes);
    assert.deepEqual(symbols.map(s => s.name), ['sng', 'lpark', 'sng']);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', mistakes, 10);
    assert.match(lenses[0]?.command?.title ?? '', /^3 rows · 7 errors, 2 warnings$/);
  });

  it('recognises a plain CSV by its header, runs type-neutral checks, then all checks once the type is set', async () => {
    const uri = fixture('lint', 'people.csv');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const first = await diagnosticsWhen(uri, d => d.length > 0);
    assert.equal(doc.languageId, 'jumpcloud-csv');
    assert.deepEqual(first.map(codeOf), ['powershell-boolean']);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, first[0].range, vscode.CodeActionKind.QuickFix.value, 10);
    assert.ok(actions.some(a => a.title.includes('new users (import)')), 'offers to set the file type');
    const typed = diagnosticsWhen(uri, d => d.some(x => codeOf(x) === 'missing-header'));
    await vscode.commands.executeCommand('jumpcloud.setFileType', uri, 'import');
    const after = await typed;
    assert.ok(after.some(d => codeOf(d) === 'missing-header' && /FirstName/.test(d.message)));
  });

  it('checks a CSV it did not recognise once told to (Treat This File as a User CSV)', async () => {
    const uri = fixture('lint', 'two-columns.csv');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.notEqual(doc.languageId, 'jumpcloud-csv', 'two JumpCloud headers are not enough to take the file');
    await vscode.commands.executeCommand('jumpcloud.treatAsUserCsv');
    const diagnostics = await diagnosticsWhen(uri, d => d.length > 0);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'jumpcloud-csv');
    assert.deepEqual(diagnostics.map(codeOf).sort(), ['unknown-header', 'whitespace']);
  });

  it('applies severity settings', async () => {
    const uri = fixture('lint', 'JCUserUpdateImport_01-05-2026.csv');
    await openLinted(api, uri);
    const [space] = await diagnosticsWhen(uri, d => d.length > 0);
    assert.equal(codeOf(space), 'whitespace');
    assert.equal(space.severity, vscode.DiagnosticSeverity.Warning);
    const config = vscode.workspace.getConfiguration('jumpcloud.lint');
    const relinted = nextLint(api, uri);
    await config.update('rules', { whitespace: 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await relinted;
      assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
