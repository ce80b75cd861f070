import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { COLUMNS, type UserCsvKind } from '../../../src/core/catalogue';
import { readCsv } from '../../../src/core/csv';
import { headerColumns, lintText } from '../../../src/core/lint';
import { cellSend, cellSendText, readRow, type CellSend } from '../../../src/core/rows';

/** The verdict on the cell under `header` in data row `row` (1-based), with the row's and the file's lint errors. */
function verdict(text: string, type: UserCsvKind | undefined, row: number, header: string): CellSend {
  const document = readCsv(text);
  const columns = headerColumns(document, type);
  assert.ok(columns && document.header);
  const column = document.header.fields.findIndex(f => f.value === header);
  assert.ok(column >= 0, `no ${header} column`);
  const record = row === 0 ? document.header : document.records[row - 1];
  const errors = lintText(text, { type }).problems.filter(p => p.severity === 'error');
  const codes = (inRow: (record: number | undefined) => boolean) => errors.filter(p => inRow(p.record)).map(p => p.code);
  return cellSend(columns, record, column, codes(r => r === record.index), codes(r => r === undefined || r === 0));
}

const NEW_USERS = 'Username,FirstName,LastName,Email,account_locked,enable_user_portal_multifactor,EnrollmentDays,SystemID,Administrator,jobTitle,Notes\n';

describe('cell send (what the import plan does with a cell)', () => {
  it('leaves out a column this kind of file cannot send, naming the kind', () => {
    const text = `${NEW_USERS}jdoe,John,Doe,jdoe@example.com,true,,,,,,\n`;
    const send = verdict(text, 'import', 1, 'account_locked');
    assert.deepEqual(send, { kind: 'left-out', header: 'account_locked', why: 'import' });
    assert.equal(cellSendText(send), 'Import sends nothing: left out, new-users files cannot set account_locked');
    assert.deepEqual(verdict(text, 'update', 1, 'account_locked'), { kind: 'sends', value: true }, 'an update file sends it');
    assert.deepEqual(verdict(text, undefined, 1, 'account_locked'), { kind: 'sends', value: true }, 'without a kind there is no wrong type');
  });

  it('names the kind of an update file that cannot send a new-users-only column', () => {
    const text = 'Username,passwordless_sudo\njdoe,true\n';
    const send = verdict(text, 'update', 1, 'passwordless_sudo');
    assert.deepEqual(send, { kind: 'left-out', header: 'passwordless_sudo', why: 'update' });
    assert.equal(cellSendText(send), 'Import sends nothing: left out, update files cannot set passwordless_sudo');
  });

  it('ignores EnrollmentDays without MFA turned on in the same row, and Administrator without a SystemID', () => {
    const text = `${NEW_USERS}jdoe,John,Doe,jdoe@example.com,,false,14,,true,,\nasmith,Ann,Smith,asmith@example.com,,true,14,5f1a2b3c4d5e6f7a8b9c0d1e,true,,\n`;
    const days = verdict(text, 'import', 1, 'EnrollmentDays');
    assert.equal(days.kind, 'ignored');
    assert.equal(cellSendText(days), 'Import sends nothing: ignored, EnrollmentDays needs enable_user_portal_multifactor true in the same row');
    const admin = verdict(text, 'import', 1, 'Administrator');
    assert.equal(admin.kind, 'ignored');
    assert.equal(cellSendText(admin), 'Import sends nothing: ignored, Administrator needs a SystemID in the same row');
    assert.deepEqual(verdict(text, 'import', 2, 'EnrollmentDays'), { kind: 'sends', value: 14 }, 'with MFA on it is sent');
    assert.deepEqual(verdict(text, 'import', 2, 'Administrator'), { kind: 'sends', value: true }, 'with a device it is sent');
  });

  it('skips a valid cell when another cell of the row has an error, naming each code once', () => {
    const text = `${NEW_USERS}jdoe,John,Doe,jdoe@example,,,,abc,,Engineer,\n`;
    const send = verdict(text, 'import', 1, 'jobTitle');
    assert.deepEqual(send, { kind: 'skipped', codes: ['invalid-email', 'invalid-id'] });
    assert.equal(cellSendText(send), 'Import sends nothing: the row is skipped (invalid-email, invalid-id)');
    assert.deepEqual(cellSend(headerColumns(readCsv(text), 'import')!, readCsv(text).records[0], 9, ['unknown-group', 'unknown-group']), { kind: 'skipped', codes: ['unknown-group'] });
    assert.deepEqual(verdict(text, 'import', 1, 'EnrollmentDays'), { kind: 'empty' }, 'an empty cell still changes nothing');
  });

  it('reports a cell whose own value cannot be sent, before the row', () => {
    const text = `${NEW_USERS}jdoe,John,Doe,jdoe@example.com,,yes,,,,,\n`;
    const send = verdict(text, 'import', 1, 'enable_user_portal_multifactor');
    assert.deepEqual(send, { kind: 'invalid', code: 'invalid-boolean' });
    assert.equal(cellSendText(send), 'Import sends nothing: the value is not valid (invalid-boolean)');
  });

  it('sends nothing from a file the import refuses (an error in its header)', () => {
    const text = 'Username,Email,email,FirstName,LastName\njdoe,jdoe@example.com,,John,Doe\n';
    const send = verdict(text, 'import', 1, 'FirstName');
    assert.deepEqual(send, { kind: 'blocked', codes: ['duplicate-header'] });
    assert.equal(cellSendText(send), 'Import sends nothing: the import refuses the file (duplicate-header)');
    assert.equal(verdict(text, 'import', 1, 'email').kind, 'repeated');
  });

  it('sends the row model\'s reading of a plain value', () => {
    const text = `${NEW_USERS}jdoe,John,Doe, JDoe@Example.com ,,,,,,Engineer,\n`;
    assert.deepEqual(verdict(text, 'import', 1, 'Username'), { kind: 'sends', value: 'jdoe' });
    assert.equal(cellSendText(verdict(text, 'import', 1, 'Username')), 'Import sends: `"jdoe"`');
    assert.deepEqual(verdict(text, 'import', 1, 'Email'), { kind: 'sends', value: 'JDoe@Example.com' }, 'trimmed, as the import sends it');
    assert.equal(cellSendText({ kind: 'sends', value: 'a`b' }), 'Import sends: `` "a`b" ``', 'a backtick does not end the code span');
  });

  it('leaves the field unchanged for an empty cell', () => {
    const text = `${NEW_USERS}jdoe,John,Doe,jdoe@example.com,,,,,,,\n`;
    const send = verdict(text, 'import', 1, 'jobTitle');
    assert.deepEqual(send, { kind: 'empty' });
    assert.equal(cellSendText(send), 'Import sends nothing: this field is left unchanged (the cell is empty)');
  });

  it('ignores a column that is not a JumpCloud one, and says nothing on the header', () => {
    const text = `${NEW_USERS}jdoe,John,Doe,jdoe@example.com,,,,,,,call first\n`;
    const send = verdict(text, 'import', 1, 'Notes');
    assert.deepEqual(send, { kind: 'unknown' });
    assert.equal(cellSendText(send), 'Import sends nothing: not a JumpCloud column, the import ignores it');
    assert.deepEqual(verdict(text, 'import', 0, 'Username'), { kind: 'header' });
    assert.equal(cellSendText({ kind: 'header' }), undefined);
  });

  it('puts its words through the translation it is given', () => {
    const upper = (message: string, ...args: string[]) => message.toUpperCase().replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)]);
    assert.equal(cellSendText({ kind: 'skipped', codes: ['invalid-email'] }, upper), 'IMPORT SENDS NOTHING: THE ROW IS SKIPPED (invalid-email)');
  });
  it('reads every cell as the row model reads it in its row (readRow)', () => {
    const headers = [...COLUMNS.flatMap(c => [c.header, ...c.aliases]), 'Group1', 'Attribute1_name', 'Attribute1_value', 'Nope'];
    const cell = fc.constantFrom('', ' ', 'true', '$false', 'yes', '14', '400', 'a@b.co', 'a@b', ' x ', '5f1a2b3c4d5e6f7a8b9c0d1e', 'Sales');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...headers), { minLength: 1, maxLength: 8 }), fc.array(cell, { maxLength: 8 }), fc.constantFrom<UserCsvKind | undefined>('import', 'update', undefined), (header, cells, type) => {
        const document = readCsv(`${header.join(',')}\n${cells.join(',')}\n`);
        const columns = headerColumns(document, type)!;
        const record = document.records[0];
        if (!record) return;
        const read = readRow(columns, record);
        record.fields.forEach((_, column) => {
          const send = cellSend(columns, record, column, []);
          const reading = read.cells.find(c => c.column.index === column)?.reading;
          if (send.kind === 'sends') assert.deepEqual(send.value, reading?.value);
          else if (send.kind === 'invalid') assert.equal(send.code, reading?.issue?.code);
          else if (send.kind !== 'ignored') assert.equal(reading?.value, undefined, send.kind);
        });
      }),
      { numRuns: 500 },
    );
  });
});
