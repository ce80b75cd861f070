import * as assert from 'node:assert/strict';
import { cellText, COLUMNS, ROLES, type ColumnSpec } from '../../../src/core/catalogue';
import { formatCsvRow, readCsv } from '../../../src/core/csv';
import { cellFor, exportableAttributes, exportColumns, exportHeaders, exportRow, formulaRisk, groupProblem, leftOutColumns, type ExportLookups } from '../../../src/core/export';
import type { JumpCloudUser } from '../../../src/core/jumpcloud';

const column = (header: string): ColumnSpec => COLUMNS.find(c => c.header === header)!;
const user = (extra: Record<string, unknown> = {}) => ({ _id: 'a'.repeat(24), username: 'ada', email: 'ada@example.com', ...extra }) as JumpCloudUser;
const lookups = (groups: string[] = [], managers: Record<string, string> = {}): ExportLookups => ({ managerName: id => managers[id], groupsOf: () => groups });

describe('export: cells', () => {
  describe('formulaRisk', () => {
    it('flags what a spreadsheet would run: =, +, -, @ then anything but number text, also behind spaces, tabs or CR', () => {
      for (const value of ['=1+1', '+cmd|calc', '-2+SUM(A1)', '@SUM(1)', '\t=HYPERLINK("x")', '\r=1', ' =x', '+A1', '- n/a', '@']) assert.ok(formulaRisk(value), JSON.stringify(value));
    });

    it('lets phone numbers, signed numbers and dashes through: they compute nothing, and an apostrophe would change them', () => {
      for (const value of ['+1 (555) 010-0100', '+44 20 7946 0958 x12', '+1 555 0100 ext. 7', '-', '--', '-5', '+33.1.23.45.67.89', 'Engineer', 'a=b', 'me@example.com', '']) {
        assert.ok(!formulaRisk(value), JSON.stringify(value));
      }
    });
  });

  describe('cellFor', () => {
    it('writes booleans, integers and text as the row model reads them back, an absent value as an empty cell', () => {
      assert.deepEqual(cellFor(column('sudo'), true), { text: 'true' });
      assert.deepEqual(cellFor(column('sudo'), false), { text: 'false' });
      assert.deepEqual(cellFor(column('unix_uid'), 5001), { text: '5001' });
      assert.deepEqual(cellFor(column('jobTitle'), '  Lead  '), { text: '  Lead  ' });
      for (const absent of [undefined, null, '']) assert.deepEqual(cellFor(column('jobTitle'), absent), { text: '' });
    });

    it('gives a reason instead of a cell whose value would not read back the same, or that the lint refuses', () => {
      assert.deepEqual(cellFor(column('unix_uid'), 0), { reason: 'is out of range; use 1 to 2147483647' });
      assert.deepEqual(cellFor(column('unix_uid'), 1.5), { reason: 'is not a whole number' });
      assert.deepEqual(cellFor(column('sudo'), 'yes'), { reason: 'is not a boolean; write true or false' });
      assert.deepEqual(cellFor(column('jobTitle'), 42), { reason: 'would be read back as "42", not as the organization has it' });
      assert.deepEqual(cellFor(column('jobTitle'), 'x'.repeat(1025)), { reason: 'is 1025 characters long; the most is 1024' });
      assert.deepEqual(cellFor(column('Email'), ' ada@example.com'), { reason: 'has leading or trailing spaces; the import sends it without them' });
      assert.deepEqual(cellFor(column('alternateEmail'), ' ada@example.com'), { reason: 'would be read back as "ada@example.com", not as the organization has it' });
      assert.deepEqual(cellFor(column('jobTitle'), { a: 1 }), { reason: 'is not a single value a cell can hold' });
      assert.deepEqual(cellFor(column('jobTitle'), '=1+1'), { reason: 'starts with "=": a spreadsheet would run it as a formula' });
    });

    it('writes text that the CSV writer quotes where cellText would otherwise drop or split it', () => {
      for (const value of ['  Acme', '\tTabbed', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'lone\rcr', 'trailing ', '\ufeffbom']) {
        const cell = cellFor(column('description'), value);
        assert.ok('text' in cell, value);
        const line = formatCsvRow(['ada', cell.text]);
        assert.equal(cellText(readCsv(`Username,description\n${line}\n`).records[0].fields[1]), value, JSON.stringify(line));
      }
    });
  });

  describe('exportableAttributes', () => {
    it('keeps valid pairs in record order, values as the planner shows them; leaves out the rest with why', () => {
      const { attributes, notes } = exportableAttributes(
        user({
          attributes: [
            { name: 'seat', value: 'S1' },
            { name: 'floor', value: 4 },
            { name: 'remote', value: true },
            { name: 'SEAT', value: 'S2' },
            { name: 'bad name', value: 'x' },
            { name: 'empty', value: null },
            { name: 'blank', value: '' },
            { name: 'evil', value: '=cmd' },
          ],
        }),
      );
      assert.deepEqual(attributes, [{ name: 'seat', value: 'S1' }, { name: 'floor', value: '4' }, { name: 'remote', value: 'true' }]);
      assert.deepEqual(notes.map(n => n.message), [
        'custom attribute SEAT left out: appears twice; only the first is written, as the import compares the first',
        'custom attribute bad name left out: its name may contain only letters and digits',
        'custom attribute empty left out: has no value; a file cannot hold an attribute without one',
        'custom attribute blank left out: has no value; a file cannot hold an attribute without one',
        'custom attribute evil left out: its value starts with "=": a spreadsheet would run it as a formula',
      ]);
    });
  });

  describe('exportRow', () => {
    const layout = { columns: [ROLES.username, column('jobTitle'), ROLES.manager, column('work_city'), column('mobile_number'), ROLES.mfa], groups: 2, attributes: 1 };

    it('fills the layout: the first address and phone of a type (any case), the manager by username, groups, then pairs', () => {
      const row = exportRow(
        user({
          jobTitle: 'Lead',
          manager: 'b'.repeat(24),
          addresses: [{ type: 'WORK', locality: 'Lyon' }, { type: 'work', locality: 'Nice' }],
          phoneNumbers: [{ type: 'home', number: '1' }, { type: 'mobile', number: '+1 555 0100' }],
          enable_user_portal_multifactor: true,
          attributes: [{ name: 'seat', value: 'S1' }],
        }),
        layout,
        lookups(['Sales'], { ['b'.repeat(24)]: 'grace' }),
      );
      assert.deepEqual(row, { cells: ['ada', 'Lead', 'grace', 'Lyon', '+1 555 0100', 'true', 'Sales', '', 'seat', 'S1'], notes: [] });
    });

    it("leaves a manager that is no user empty, and notes what does not fit a layout sized before the rows were read", () => {
      const row = exportRow(user({ manager: 'c'.repeat(24), attributes: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }] }), layout, lookups(['A', 'B', 'C']));
      assert.deepEqual(row.cells, ['ada', '', '', '', '', '', 'A', 'B', 'a', '1']);
      assert.deepEqual(row.notes.map(n => n.message), [
        `manager left empty: the manager's id ${'c'.repeat(24)} is not a user of the organization`,
        'group "C" left out: the user joined it during the export',
        'custom attribute b left out: it was added during the export',
      ]);
    });

    it('leaves out a user whose username cannot be written', () => {
      assert.deepEqual(exportRow(user({ username: '=evil' }), layout, lookups()), {
        notes: [{ username: '=evil', header: 'Username', message: 'user left out: the username starts with "=": a spreadsheet would run it as a formula' }],
      });
      assert.equal(exportRow(user({ username: ' ada' }), layout, lookups()).cells, undefined);
    });
  });

  describe('columns', () => {
    it('exports every update column whose value the user record carries, and names the ones it leaves out', () => {
      const all = exportColumns('all').map(c => c.header);
      assert.equal(all[0], 'Username');
      assert.deepEqual(leftOutColumns('all').map(c => c.header), ['Password', 'EnrollmentDays', 'ldapserver_id', 'SystemID', 'Administrator']);
      assert.deepEqual(exportColumns(new Set(['unix', 'mfa'])).map(c => c.header), ['Username', 'unix_uid', 'unix_guid', 'enable_user_portal_multifactor']);
      assert.deepEqual(exportHeaders({ columns: exportColumns(new Set()), groups: 2, attributes: 2 }), [
        'Username', 'Group1', 'Group2', 'Attribute1_name', 'Attribute1_value', 'Attribute2_name', 'Attribute2_value',
      ]);
    });

    it('finds group names a GroupN cell cannot hold', () => {
      const groups = [{ name: 'Sales' }, { name: 'dup' }, { name: 'DUP' }, { name: '+cmd' }];
      assert.equal(groupProblem({ name: 'Sales' }, groups), undefined);
      assert.equal(groupProblem({ name: 'dup' }, groups), 'several user groups have this name');
      assert.equal(groupProblem({ name: '+cmd' }, groups), 'its name starts with "+": a spreadsheet would run it as a formula');
    });
  });
});
