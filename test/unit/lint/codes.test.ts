import * as assert from 'node:assert/strict';
import { LINT_CODES, lintText, type LintCode, type LintProblem } from '../../../src/core/lint';
import { SAMPLES, applyFix, at, one, onlyFix, problemsOf } from './helpers';
import { emptyFileCases, encodingCases, tooManyFieldsCases } from './hardening-cases';

/** Asserts a message says each of `parts` (header names, `row N`, `column N`…). */
function says(p: LintProblem, ...parts: string[]): void {
  for (const part of parts) assert.ok(p.message.includes(part), `message of ${p.code} should name ${JSON.stringify(part)}: ${p.message}`);
}

function noFixes(p: LintProblem): void {
  assert.deepEqual(p.fixes ?? [], [], `${p.code} offers no fix`);
}

const LONG = 'x'.repeat(1025);

/** Codes that need an organization snapshot (`LintOptions.org`); their cases are in org-rules.test.ts. */
const ORG_CODES = [
  'user-exists',
  'user-not-found',
  'value-in-use',
  'unknown-group',
  'ambiguous-group',
  'unknown-system',
  'unknown-ldap-server',
  'unknown-manager',
  'manager-skipped',
  'manager-is-self',
] as const satisfies readonly LintCode[];
type FileCode = Exclude<LintCode, (typeof ORG_CODES)[number]>;

/**
 * One or more cases per lint code that needs only the file. Typed as a record over those codes, so adding a code to
 * LINT_CODES without a test here (or in the org list above) fails to compile.
 */
const CASES: { readonly [C in FileCode]: readonly { readonly title: string; readonly run: () => void }[] } = {
  'unclosed-quote': [{
    title: 'spans from the opening quote to the end of the text',
    run() {
      const text = 'Username,Email\nalice,"alice@example.com\nbob,bob@example.com\n';
      const p = one(text, 'unclosed-quote', { covers: '"alice@example.com\nbob,bob@example.com\n' });
      assert.equal(p.record, 1);
      says(p, 'Row 2', 'field 2', 'never closed');
      noFixes(p);
    },
  }],

  'stray-quote': [
    {
      title: 'points at a quote inside an unquoted field',
      run() {
        const text = 'Username,description\nalice,the "boss"\n';
        const p = one(text, 'stray-quote');
        assert.equal(p.span.start, text.indexOf('"'));
        assert.equal(at(text, p.span), '"');
        assert.equal(p.record, 1);
        says(p, 'Row 2', 'field 2 (description)');
        noFixes(p);
      },
    },
    {
      title: 'points at the closing quote when text follows it',
      run() {
        const text = 'Username,description\nalice,"boss"y\n';
        const p = one(text, 'stray-quote');
        assert.equal(p.span.start, text.lastIndexOf('"'));
        assert.equal(p.span.end, p.span.start + 1);
        says(p, 'Row 2', 'field 2', 'after its closing quote');
      },
    },
  ],

  'field-count': [
    {
      title: 'leaves rows short only at the end alone: Import-Csv and the import read the missing cells as empty',
      run() {
        const text = 'Username,Email,Attribute1_name,Attribute1_value\nalice,alice@example.com\n';
        assert.deepEqual(problemsOf(lintText(text, { type: 'update' }), 'field-count'), []);
        assert.deepEqual(lintText(text, { type: 'update' }).problems, []);
      },
    },
    {
      title: 'catches a short row whose cells shifted through the values that no longer fit their columns',
      run() {
        const text = 'Username,sudo,Email\nalice,alice@example.com\n';
        const found = lintText(text).problems.map(p => p.code);
        assert.deepEqual(found, ['invalid-boolean']);
      },
    },
    {
      title: 'flags a long row over the whole record, quoted newlines included',
      run() {
        const text = 'Username,description\r\nalice,"two\r\nlines",extra\r\n';
        const p = one(text, 'field-count', { covers: 'alice,"two\r\nlines",extra' });
        says(p, 'Row 2', '3 fields', 'header has 2');
        noFixes(p);
      },
    },
  ],

  'sep-line': [
    {
      title: "flags Excel's sep= line in a comma file and removes it",
      run() {
        const text = '\uFEFFsep=,\r\nUsername,Email\r\nalice,alice@example.com\r\n';
        const p = one(text, 'sep-line', { covers: 'sep=,\r\n' });
        says(p, 'sep=', 'header');
        const fix = onlyFix(p);
        assert.equal(fix.safe, true);
        assert.equal(applyFix(text, fix), '\uFEFFUsername,Email\r\nalice,alice@example.com\r\n');
      },
    },
  ],

  'wrong-delimiter': [
    {
      title: 'flags a semicolon file on its header (after the BOM) and converts it to commas',
      run() {
        const text = SAMPLES.semicolonBom;
        const p = one(text, 'wrong-delimiter', { covers: 'FirstName;LastName;Username;Email;department' });
        assert.equal(p.span.start, 1);
        assert.equal(p.record, 0);
        says(p, 'semicolons');
        const fix = onlyFix(p);
        assert.deepEqual(fix, { kind: 'convert-delimiter', title: 'Convert the file to commas', safe: true });
        assert.equal(
          applyFix(text, fix),
          '\uFEFFFirstName,LastName,Username,Email,department\r\n' +
            'José,García,jgarcia,jose.garcia@example.com,Ventas\r\n' +
            'Marie,Dupont,mdupont,marie.dupont@example.com,R&D; Labs\r\n',
        );
      },
    },
    {
      title: 'flags a tab file and quotes values with commas when converting',
      run() {
        const text = 'Username\tdescription\nalice\tfirst, second\nbob\t"say ""hi"""';
        const p = one(text, 'wrong-delimiter', { covers: 'Username\tdescription' });
        says(p, 'tabs');
        assert.equal(applyFix(text, onlyFix(p)), 'Username,description\nalice,"first, second"\nbob,"say ""hi"""');
      },
    },
  ],

  'blank-row': [
    {
      title: 'flags an empty line by its line number',
      run() {
        const text = 'Username\r\nalice\r\n\r\nbob\r\n';
        const p = one(text, 'blank-row', { covers: '\r\n' });
        assert.equal(p.span.start, 'Username\r\nalice\r\n'.length);
        says(p, 'Line 3');
        noFixes(p);
      },
    },
    {
      title: 'flags a row whose cells are all empty, by its row number',
      run() {
        const text = 'Username,Email\nalice,alice@example.com\n,\n';
        const p = one(text, 'blank-row', { covers: ',' });
        assert.equal(p.record, 2);
        says(p, 'Row 3');
        noFixes(p);
        // An empty row is not also a missing Username.
        assert.equal(problemsOf(lintText(text), 'required-value').length, 0);
      },
    },
  ],

  'unknown-header': [
    {
      title: 'is information only, with no fix, for a column that is not meant as a JumpCloud field',
      run() {
        const p = one('Username,Favourite colour\nalice,blue\n', 'unknown-header', { covers: 'Favourite colour' });
        says(p, '"Favourite colour"', 'column 2', 'ignores');
        assert.equal(p.severity, 'info');
        assert.ok(!p.message.includes('Did you mean'));
        noFixes(p);
      },
    },
    {
      title: 'names an empty header cell by its column',
      run() {
        const text = 'Username,,Email\nalice,x,alice@example.com\n';
        const p = one(text, 'unknown-header');
        assert.deepEqual(p.span, { start: 9, end: 9 });
        says(p, 'Column 2 has no header');
        noFixes(p);
      },
    },
    {
      title: 'stays fast on a very long unknown header (a 1 MB first line)',
      run() {
        const header = 'x'.repeat(1_000_000);
        const started = Date.now();
        const p = one(`Username,${header}\nalice,1\n`, 'unknown-header');
        assert.equal(p.span.end - p.span.start, header.length);
        noFixes(p);
        // Comparing it against every known spelling used to take about two minutes.
        assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
      },
    },
  ],

  'misspelled-header': [
    {
      title: 'suggests the header a misspelling means, as an unsafe rename',
      run() {
        const text = 'Username,Emial\nalice,alice@example.com\n';
        const p = one(text, 'misspelled-header', { covers: 'Emial' });
        assert.equal(p.record, 0);
        says(p, '"Emial"', 'column 2', 'Did you mean "Email"?');
        const fix = onlyFix(p);
        assert.deepEqual(fix, { kind: 'replace', title: 'Rename to "Email"', span: p.span, text: 'Email', safe: false });
        assert.equal(applyFix(text, fix), 'Username,Email\nalice,alice@example.com\n');
      },
    },
    {
      title: 'suggests the catalogue spelling for a squashed or misspelled header',
      run() {
        for (const [header, suggestion] of [['First Name', 'FirstName'], ['user_name', 'Username'], ['displayname', 'preferredName'], ['work_localty', 'work_locality']]) {
          const text = `Username,${header}\nalice,x\n`;
          const fix = onlyFix(one(text, 'misspelled-header', { covers: header }));
          assert.equal(fix.kind === 'replace' ? fix.text : undefined, suggestion, header);
        }
      },
    },
    {
      title: 'suggests a valid numbered header for a zero-padded or zero number',
      run() {
        for (const [header, suggestion] of [['Group01', 'Group1'], ['Group0', 'Group1'], ['Attribute02_value', 'Attribute2_value']]) {
          const text = `Username,${header}\nalice,x\n`;
          const fix = onlyFix(one(text, 'misspelled-header', { covers: header }));
          assert.equal(fix.kind === 'replace' ? fix.text : undefined, suggestion, header);
        }
      },
    },
    {
      title: 'says truly what happens to a "Group" header: this import ignores it, and it suggests the next free GroupN',
      run() {
        const text = 'Username,Group1,Group\nalice,Sales,Engineering\n';
        const p = one(text, 'misspelled-header', { covers: 'Group' , });
        says(p, '"Group"', 'column 3', 'import ignores it', 'Group1, Group2');
        const fix = onlyFix(p);
        assert.equal(fix.kind === 'replace' ? fix.text : undefined, 'Group2');
      },
    },
  ],

  'header-case': [
    {
      title: 'offers the canonical spelling as a safe rename',
      run() {
        const text = 'USERNAME,eMail\nalice,alice@example.com\n';
        const result = lintText(text);
        const [upper, lower] = problemsOf(result, 'header-case');
        assert.equal(at(text, upper.span), 'USERNAME');
        assert.equal(at(text, lower.span), 'eMail');
        assert.equal(upper.severity, 'info');
        assert.equal(upper.record, 0);
        says(upper, '"USERNAME"', 'column 1', '"Username"');
        says(lower, '"eMail"', 'column 2', '"Email"');
        const fix = onlyFix(upper);
        assert.deepEqual(fix, { kind: 'replace', title: 'Rename to "Username"', span: upper.span, text: 'Username', safe: true });
        assert.equal(applyFix(text, fix), 'Username,eMail\nalice,alice@example.com\n');
      },
    },
    {
      title: 'leaves alone the spellings JumpCloud\'s own templates write, and spaces Import-Csv drops',
      run() {
        const text = 'Username, MiddleName, managedAppleID,email\nalice,B,alice@icloud.example.com,alice@example.com\n';
        assert.deepEqual(lintText(text, { type: 'update' }).problems, []);
      },
    },
    {
      title: 'flags surrounding spaces and keeps an alias as written',
      run() {
        const text = 'Username, Work_Locality \nalice,Paris\n';
        const p = one(text, 'header-case', { covers: ' Work_Locality ' });
        says(p, '"Work_Locality "', '"work_locality"');
        assert.equal(applyFix(text, onlyFix(p)), 'Username,work_locality\nalice,Paris\n');
      },
    },
    {
      title: 'flags numbered columns in another case',
      run() {
        const text = 'Username,group1,attribute1_NAME,Attribute1_value\nalice,g,n,v\n';
        const result = lintText(text);
        assert.deepEqual(problemsOf(result, 'header-case').map(p => onlyFix(p)).map(f => (f.kind === 'replace' ? f.text : '')), ['Group1', 'Attribute1_name']);
      },
    },
  ],

  'duplicate-header': [{
    title: 'points at the repeat, relates it to the first, and deletes the repeated column everywhere',
    run() {
      const text = 'Username,Email,EMAIL\nalice,alice@example.com,other@example.com\nbob,bob@example.com\n';
      const p = one(text, 'duplicate-header', { covers: 'EMAIL' });
      assert.equal(p.span.start, 15);
      assert.equal(p.record, 0);
      says(p, '"EMAIL"', 'column 3', 'column 2');
      assert.equal(p.related?.length, 1);
      assert.deepEqual(p.related![0].span, { start: 9, end: 14 });
      assert.equal(at(text, p.related![0].span), 'Email');
      assert.match(p.related![0].message, /First "Email" column/);
      const fix = onlyFix(p);
      assert.deepEqual(fix, { kind: 'delete-column', title: 'Remove the duplicate "EMAIL" column', column: 2, safe: false });
      assert.equal(applyFix(text, fix), 'Username,Email\nalice,alice@example.com\nbob,bob@example.com\n');
      // The repeated column holds no values of its own: no header-case, no value checks on it.
      assert.deepEqual(lintText(text).problems.map(q => q.code).sort(), ['duplicate-header']);
    },
  }],

  'missing-header': [
    {
      title: 'asks import files for FirstName, LastName, Username and Email, and adds the column at the end',
      run() {
        const text = 'Username,Email,LastName\nalice,alice@example.com,Liddell\n';
        const p = one(text, 'missing-header', { type: 'import', covers: 'Username,Email,LastName' });
        assert.equal(p.record, 0);
        says(p, '"FirstName"', 'import files');
        const fix = onlyFix(p);
        assert.deepEqual(fix, { kind: 'add-column', title: 'Add a "FirstName" column', header: 'FirstName', after: 2, safe: false });
        assert.equal(applyFix(text, fix, { type: 'import' }), 'Username,Email,LastName,FirstName\nalice,alice@example.com,Liddell,\n');
        const all = problemsOf(lintText('Password\nx\n', { type: 'import' }), 'missing-header').map(q => onlyFix(q));
        assert.deepEqual(all.map(f => (f.kind === 'add-column' ? f.header : '')), ['FirstName', 'LastName', 'Username', 'Email']);
      },
    },
    {
      title: 'asks update files (and files of unknown type) for Username only',
      run() {
        const text = 'Email,FirstName\nalice@example.com,Alice\n';
        says(one(text, 'missing-header', { type: 'update' }), '"Username"', 'update files');
        says(one(text, 'missing-header'), '"Username"', 'every file');
      },
    },
  ],

  'wrong-type-column': [{
    title: 'says nothing of an empty column of the wrong kind, and warns on a filled cell that the import leaves it out',
    run() {
      const text = 'FirstName,LastName,Username,Email,account_locked\nAda,Lovelace,ada,ada@example.com,true\nAlan,Turing,alan,alan@example.com,\n';
      const p = one(text, 'wrong-type-column', { type: 'import', covers: 'true' });
      assert.equal(p.record, 1);
      assert.equal(p.severity, 'warning');
      says(p, 'account_locked', 'row 2', 'does not send it for new users', 'rest of the row is sent');
      noFixes(p);
      // Update files accept it; JumpCloud's update template lists passwordless_sudo, which only new users take.
      assert.deepEqual(lintText(text, { type: 'update' }).problems, []);
      const update = 'Username,passwordless_sudo\nada,\nalan,true\n';
      const q = one(update, 'wrong-type-column', { type: 'update', covers: 'true' });
      says(q, 'passwordless_sudo', 'row 3', 'cannot change it on existing users');
    },
  }],

  'alias-conflict': [{
    title: 'flags the second spelling of one field, relates it to the first, and removes it',
    run() {
      const text = 'Username,work_city,Work_Locality\nalice,Paris,Lyon\n';
      const p = one(text, 'alias-conflict', { covers: 'Work_Locality' });
      assert.equal(p.record, 0);
      says(p, '"Work_Locality"', 'column 3', '"work_city"', 'column 2');
      assert.equal(p.related?.length, 1);
      assert.equal(at(text, p.related![0].span), 'work_city');
      assert.match(p.related![0].message, /work_city/);
      const fix = onlyFix(p);
      assert.deepEqual(fix, { kind: 'delete-column', title: 'Remove the "Work_Locality" column', column: 2, safe: false });
      assert.equal(applyFix(text, fix), 'Username,work_city\nalice,Paris\n');
    },
  }],

  'attribute-pair': [
    {
      title: 'flags a name column without its value column and adds the value right after it',
      run() {
        const text = 'Username,Attribute1_name,Group1\nalice,Color,Staff\n';
        const p = one(text, 'attribute-pair', { covers: 'Attribute1_name' });
        assert.equal(p.record, 0);
        says(p, '"Attribute1_name"', 'column 2', '"Attribute1_value"');
        const fix = onlyFix(p);
        assert.deepEqual(fix, { kind: 'add-column', title: 'Add a "Attribute1_value" column', header: 'Attribute1_value', after: 1, safe: true });
        const fixed = applyFix(text, fix);
        assert.equal(fixed, 'Username,Attribute1_name,Attribute1_value,Group1\nalice,Color,,Staff\n');
        // The row now has a name and no value: reported on the row.
        const row = one(fixed, 'attribute-pair', { covers: 'Color' });
        assert.equal(row.record, 1);
      },
    },
    {
      title: 'flags a value column without its name column and adds the name right before it (even in column 1)',
      run() {
        const text = 'Attribute2_value,Username\nblue,alice\n';
        const p = one(text, 'attribute-pair', { covers: 'Attribute2_value' });
        says(p, '"Attribute2_value"', 'column 1', '"Attribute2_name"');
        assert.equal(applyFix(text, onlyFix(p)), 'Attribute2_name,Attribute2_value,Username\n,blue,alice\n');
      },
    },
    {
      title: 'flags a row that fills one half of a pair, on the filled cell',
      run() {
        const text = 'Username,Attribute1_name,Attribute1_value\nalice,,blue\nbob,Color,\ncarol,Color,red\n';
        const [valueOnly, nameOnly] = problemsOf(lintText(text), 'attribute-pair');
        assert.equal(at(text, valueOnly.span), 'blue');
        assert.equal(valueOnly.record, 1);
        says(valueOnly, 'Attribute1_value', 'row 2', 'Attribute1_name');
        assert.equal(at(text, nameOnly.span), 'Color');
        assert.equal(nameOnly.span.start, text.indexOf('Color'));
        says(nameOnly, 'Attribute1_name', 'row 3');
        noFixes(valueOnly);
        assert.equal(problemsOf(lintText(text), 'attribute-pair').length, 2);
      },
    },
  ],

  'required-value': [
    {
      title: 'flags an empty required cell (an empty span at the cell)',
      run() {
        const text = 'FirstName,LastName,Username,Email\nAda,,ada,ada@example.com\n';
        const p = one(text, 'required-value', { type: 'import' });
        assert.deepEqual(p.span, { start: text.indexOf(',,') + 1, end: text.indexOf(',,') + 1 });
        assert.equal(p.record, 1);
        says(p, 'LastName', 'row 2');
        noFixes(p);
        // Not required in an update file.
        assert.equal(problemsOf(lintText(text, { type: 'update' }), 'required-value').length, 0);
      },
    },
    {
      title: 'flags a blank-looking cell of spaces, and a cell missing from a short row at the row end',
      run() {
        const spaces = 'Username,Email\n   ,a@example.com\n';
        says(one(spaces, 'required-value', { covers: '   ' }), 'Username', 'row 2');
        const short = 'Email,Username\nbob@example.com\n';
        const p = one(short, 'required-value', { type: 'update' });
        assert.deepEqual(p.span, { start: short.length - 1, end: short.length - 1 });
        says(p, 'Username', 'row 2');
      },
    },
  ],

  'invalid-email': [{
    title: 'flags an address without a domain suffix',
    run() {
      const text = 'Username,Email,recoveryEmail\nalice,alice@example,alice@@x.com\n';
      const [email, recovery] = problemsOf(lintText(text), 'invalid-email');
      assert.equal(at(text, email.span), 'alice@example');
      assert.equal(email.record, 1);
      says(email, 'Email', '"alice@example"', 'row 2');
      noFixes(email);
      assert.equal(at(text, recovery.span), 'alice@@x.com');
      says(recovery, 'recoveryEmail', 'row 2');
    },
  }],

  'invalid-boolean': [
    {
      title: 'offers true or false for spellings that plainly mean one, never safely',
      run() {
        const text = 'Username,sudo\nalice,yes\n';
        const p = one(text, 'invalid-boolean', { covers: 'yes' });
        says(p, 'sudo', '"yes"', 'row 2');
        const fix = onlyFix(p);
        assert.deepEqual(fix, { kind: 'replace', title: 'Change to "true"', span: p.span, text: 'true', safe: false });
        assert.equal(applyFix(text, fix), 'Username,sudo\nalice,true\n');
        assert.equal(applyFix('Username,ldap_binding_user\nalice,0\n', onlyFix(one('Username,ldap_binding_user\nalice,0\n', 'invalid-boolean'))), 'Username,ldap_binding_user\nalice,false\n');
      },
    },
    {
      title: 'offers nothing for a value that means neither',
      run() {
        const p = one('Username,Administrator,SystemID\nalice,maybe,5f1a2b3c4d5e6f7a8b9c0d1e\n', 'invalid-boolean', { covers: 'maybe' });
        says(p, 'Administrator', 'row 2');
        noFixes(p);
      },
    },
  ],

  'powershell-boolean': [{
    title: 'rewrites $true / $false as true / false, safely',
    run() {
      const text = 'Username,sudo\nalice,$True\nbob,"$false"\n';
      const [t, f] = problemsOf(lintText(text), 'powershell-boolean');
      assert.equal(t.severity, 'info');
      assert.equal(at(text, t.span), '$True');
      says(t, 'sudo', 'row 2', 'reads it as true');
      assert.deepEqual(onlyFix(t), { kind: 'replace', title: 'Change to "true"', span: t.span, text: 'true', safe: true });
      assert.equal(at(text, f.span), '"$false"');
      says(f, 'row 3');
      assert.equal(applyFix(text, onlyFix(f)), 'Username,sudo\nalice,$True\nbob,false\n');
      assert.equal(problemsOf(lintText(text), 'invalid-boolean').length, 0, 'not reported twice');
      // Where JumpCloud's module read $True (Administrator, MFA), it is not reported at all.
      const ps = 'Username,SystemID,Administrator,enable_user_portal_multifactor\nalice,5f1a2b3c4d5e6f7a8b9c0d1e,$true,$True\n';
      assert.deepEqual(lintText(ps).problems, []);
    },
  }],

  'invalid-integer': [{
    title: 'flags numbers that are not whole',
    run() {
      const text = 'Username,unix_uid,unix_guid\nalice,1.5,ten\n';
      const [uid, gid] = problemsOf(lintText(text), 'invalid-integer');
      assert.equal(at(text, uid.span), '1.5');
      says(uid, 'unix_uid', 'row 2');
      assert.equal(at(text, gid.span), 'ten');
      says(gid, 'unix_guid', 'row 2');
      noFixes(uid);
    },
  }],

  'out-of-range': [{
    title: 'flags unix ids outside 1..2147483647 and EnrollmentDays outside 1..365',
    run() {
      const text = 'Username,unix_uid,unix_guid,enable_user_portal_multifactor,EnrollmentDays\nalice,0,2147483648,true,366\nbob,2147483647,1,true,365\n';
      const found = problemsOf(lintText(text), 'out-of-range');
      assert.deepEqual(found.map(p => at(text, p.span)), ['0', '2147483648', '366']);
      says(found[0], 'unix_uid', 'row 2', '1 to 2147483647');
      says(found[2], 'EnrollmentDays', 'row 2', '1 to 365');
      assert.ok(found.every(p => p.record === 1 && p.severity === 'error'));
      noFixes(found[0]);
    },
  }],

  'invalid-id': [{
    title: 'flags ids that are not 24 hexadecimal digits',
    run() {
      const text = 'Username,SystemID,ldapserver_id\nalice,abc123,5f1a2b3c4d5e6f7a8b9c0d1g\n';
      const [system, ldap] = problemsOf(lintText(text), 'invalid-id');
      assert.equal(at(text, system.span), 'abc123');
      says(system, 'SystemID', '"abc123"', 'row 2');
      assert.equal(at(text, ldap.span), '5f1a2b3c4d5e6f7a8b9c0d1g');
      says(ldap, 'ldapserver_id', 'row 2');
      noFixes(system);
    },
  }],

  'duplicate-value': [{
    title: 'flags a repeated Username, Email or employeeIdentifier (case-insensitively) with the first use as related',
    run() {
      const text = 'Username,Email,employeeIdentifier\nalice,alice@example.com,E1\nALICE,Alice@Example.com,e1\nbob,bob@example.com,E2\n';
      const found = problemsOf(lintText(text), 'duplicate-value');
      assert.deepEqual(found.map(p => at(text, p.span)), ['ALICE', 'Alice@Example.com', 'e1']);
      assert.deepEqual(found.map(p => at(text, p.related![0].span)), ['alice', 'alice@example.com', 'E1']);
      for (const p of found) {
        assert.equal(p.record, 2);
        assert.equal(p.severity, 'error');
        says(p, 'row 3', 'row 2');
        assert.match(p.related![0].message, /row 2/);
        noFixes(p);
      }
      says(found[0], 'Username');
      says(found[1], 'Email');
      says(found[2], 'employeeIdentifier');
      // A third use points at the first one too; spaces around the value do not hide a repeat.
      const three = 'Username\nalice\nbob\nAlice\n alice \n';
      const repeats = problemsOf(lintText(three), 'duplicate-value');
      assert.deepEqual(repeats.map(p => [at(three, p.span), p.record, at(three, p.related![0].span)]), [['Alice', 3, 'alice'], [' alice ', 4, 'alice']]);
      says(repeats[1], 'row 5', 'row 2');
    },
  }],

  'attribute-name': [{
    title: 'offers the name without its other characters, never safely',
    run() {
      const text = 'Username,Attribute1_name,Attribute1_value,Attribute2_name,Attribute2_value\nalice,Cost Center,42,!!!,x\n';
      const [spaced, symbols] = problemsOf(lintText(text), 'attribute-name');
      assert.equal(at(text, spaced.span), 'Cost Center');
      says(spaced, 'Attribute1_name', '"Cost Center"', 'row 2');
      const fix = onlyFix(spaced);
      assert.deepEqual(fix, { kind: 'replace', title: 'Change to "CostCenter"', span: spaced.span, text: 'CostCenter', safe: false });
      assert.equal(applyFix(text, fix), text.replace('Cost Center', 'CostCenter'));
      assert.equal(at(text, symbols.span), '!!!');
      noFixes(symbols);
    },
  }],

  'too-long': [{
    title: 'flags a value over 1024 characters (and not one of exactly 1024)',
    run() {
      const text = `Username,description\nalice,${LONG}\nbob,${LONG.slice(1)}\n`;
      const p = one(text, 'too-long', { covers: LONG });
      assert.equal(p.record, 1);
      says(p, 'description', 'row 2', '1025 characters');
      assert.ok(p.message.length < 200, 'the message shows a preview, not the value');
      noFixes(p);
    },
  }],

  'enrollment-without-mfa': [{
    title: 'flags EnrollmentDays in a row where MFA is not true',
    run() {
      const text = 'Username,enable_user_portal_multifactor,EnrollmentDays\nalice,false,14\nbob,,7\ncarol,TRUE,7\n';
      const found = problemsOf(lintText(text), 'enrollment-without-mfa');
      assert.deepEqual(found.map(p => [at(text, p.span), p.record]), [['14', 1], ['7', 2]]);
      says(found[0], 'EnrollmentDays', 'row 2', 'enable_user_portal_multifactor');
      assert.equal(found[0].severity, 'warning');
      noFixes(found[0]);
      // Without the MFA column at all.
      one('Username,EnrollmentDays\nalice,14\n', 'enrollment-without-mfa', { covers: '14' });
    },
  }],

  'administrator-without-system': [{
    title: 'flags Administrator in a row without a SystemID',
    run() {
      const text = 'Username,SystemID,Administrator\nalice,,true\nbob,5f1a2b3c4d5e6f7a8b9c0d1e,false\n';
      const p = one(text, 'administrator-without-system', { covers: 'true' });
      assert.equal(p.record, 1);
      says(p, 'Administrator', 'row 2', 'SystemID');
      noFixes(p);
    },
  }],

  whitespace: [{
    title: 'trims identifiers (username, e-mail, group), safely',
    run() {
      const text = 'Username,Email,Group1,description\n alice ,"alice@example.com ",Staff\t, free text \n';
      const found = problemsOf(lintText(text), 'whitespace');
      assert.deepEqual(found.map(p => at(text, p.span)), [' alice ', '"alice@example.com "', 'Staff\t']);
      says(found[0], 'Username', 'row 2');
      says(found[2], 'Group1', 'row 2');
      assert.deepEqual(onlyFix(found[0]), { kind: 'replace', title: 'Change to "alice"', span: found[0].span, text: 'alice', safe: true });
      let fixed = text;
      for (const p of [...found].reverse()) fixed = applyFix(fixed, onlyFix(p));
      assert.equal(fixed, 'Username,Email,Group1,description\nalice,alice@example.com,Staff, free text \n');
      assert.deepEqual(lintText(fixed).problems, []);
    },
  }, {
    title: 'trims the non-ASCII spaces trim() knows too (no-break space, ideographic space)',
    run() {
      const text = 'Username,manager\nalice\u00A0,bob\u3000\n';
      const found = problemsOf(lintText(text), 'whitespace');
      assert.deepEqual(found.map(p => at(text, p.span)), ['alice\u00A0', 'bob\u3000']);
      let fixed = text;
      for (const p of [...found].reverse()) fixed = applyFix(fixed, onlyFix(p));
      assert.equal(fixed, 'Username,manager\nalice,bob\n');
    },
  }],

  'formula-username': [{
    title: 'flags a username a spreadsheet would run as a formula, and only at its start',
    run() {
      const text = 'Username,Email\n=HYPERLINK("x"),a@example.com\n@SUM(1+1),b@example.com\n+1,c@example.com\n-x,d@example.com\nann-marie,e@example.com\n" =x",f@example.com\n';
      const found = problemsOf(lintText(text), 'formula-username');
      assert.deepEqual(found.map(p => p.record), [1, 2, 3, 4, 6]);
      assert.equal(found[0].severity, 'error');
      says(found[0], 'Username', 'row 2', 'formula');
      noFixes(found[0]);
    },
  }],

  encoding: encodingCases,
  'empty-file': emptyFileCases,
  'too-many-fields': tooManyFieldsCases,

  'too-many-problems': [{
    title: 'is added once, at offset 0, when problems pass the cap',
    run() {
      const text = 'Username,sudo\n' + Array.from({ length: 5 }, (_, i) => `u${i},maybe\n`).join('');
      const result = lintText(text, { maxProblems: 3 });
      const notes = problemsOf(result, 'too-many-problems');
      assert.equal(notes.length, 1);
      assert.equal(notes[0].severity, 'info');
      assert.deepEqual(notes[0].span, { start: 0, end: 0 });
      assert.match(notes[0].message, /first 3 of 5 problems/);
      assert.equal(result.problems.at(-1), notes[0]);
    },
  }],
};

describe('lint codes', () => {
  for (const [code, cases] of Object.entries(CASES)) {
    describe(code, () => {
      for (const c of cases) it(c.title, c.run);
    });
  }

  it('has a case for every code in LINT_CODES (org codes in org-rules.test.ts)', () => {
    assert.deepEqual([...Object.keys(CASES), ...ORG_CODES].sort(), Object.keys(LINT_CODES).sort());
  });
});
