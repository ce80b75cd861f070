import * as assert from 'node:assert/strict';
import { lintText, typeFromFileName, type LintResult } from '../../../src/core/lint';
import type { UserCsvKind } from '../../../src/core/catalogue';
import { SAMPLES } from './helpers';

/** The same file with LF and CRLF, with and without a BOM, with and without a final line break. */
function variants(lfText: string): [string, string][] {
  const out: [string, string][] = [];
  for (const newline of ['\n', '\r\n']) {
    for (const bom of ['', '\uFEFF']) {
      const text = bom + lfText.replace(/\n/g, newline);
      const label = `${newline === '\n' ? 'LF' : 'CRLF'}${bom ? ' + BOM' : ''}`;
      out.push([label, text], [`${label}, no final line break`, text.replace(/\r?\n$/, '')]);
    }
  }
  return out;
}

function clean(result: LintResult): void {
  assert.deepEqual(result.problems.map(p => `${p.code}: ${p.message}`), []);
  assert.equal(result.total, 0);
}

const CLEAN_IMPORT =
  'FirstName,LastName,Username,Password,Email,description,work_locality,home_state,mobile_number,unix_uid,unix_guid,' +
  'enable_user_portal_multifactor,EnrollmentDays,sudo,ldap_binding_user,ldapserver_id,SystemID,Administrator,manager,Group1,Group2,Group10,' +
  'Attribute1_name,Attribute1_value,Attribute2_name,Attribute2_value\n' +
  'Ada,Lovelace,alovelace,,ada@example.com,"Wrote the first program.\nLikes engines, ""analytical"" ones.",London,,+44 20 7946 0000,5001,5001,' +
  'true,14,false,true,5f1a2b3c4d5e6f7a8b9c0d1e,5F1A2B3C4D5E6F7A8B9C0D1F,TRUE,ghopper,Engineering,"Sales, EU",,' +
  'CostCenter,"1001, 1002",Shirt,XL\n' +
  'Grace,Hopper,ghopper,S3cret!,grace@example.com,,,CA,,,,' +
  'False,,,,,,,,,,,' +
  ',,,\n' +
  '"Alan","Turing","aturing","","alan@example.com","",Manchester,"","","2147483647","1",' +
  '"true","365","true","false","","5f1a2b3c4d5e6f7a8b9c0d1e","false","alovelace","Research","","Staff",' +
  '"","","Desk","12"\n';

const CLEAN_UPDATE =
  'Username,Email,FirstName,account_locked,externally_managed,external_dn,external_source_type,work_city,home_locality,password_never_expires\n' +
  'alovelace,,,false,,,,,,true\n' +
  'ghopper,grace.hopper@example.com,Grace,,true,"CN=Grace Hopper,OU=Staff,DC=example,DC=com",ActiveDirectory,Arlington,New York,\n';

describe('no false positives', () => {
  for (const [name, text, type] of [
    ['the import sample', SAMPLES.import, 'import'],
    ['the update sample (quoted headers)', SAMPLES.update, 'update'],
    ['an import file using every kind of value', CLEAN_IMPORT, 'import'],
    ['an update file with update-only columns and aliases', CLEAN_UPDATE, 'update'],
  ] as [string, string, UserCsvKind][]) {
    describe(name, () => {
      for (const [label, variant] of variants(text)) {
        it(`is clean with ${label}, typed and untyped`, () => {
          clean(lintText(variant, { type }));
          clean(lintText(variant));
        });
      }
    });
  }

  it('takes the type from the sample file names and finds nothing', () => {
    clean(lintText(SAMPLES.import, { type: typeFromFileName('JCUserImport_11-21-2026.csv') }));
    clean(lintText(SAMPLES.update, { type: typeFromFileName('JCUserUpdateImport_11-21-2026.csv') }));
  });

  it('accepts a header-only template of every type, and a file with a single column', () => {
    clean(lintText('FirstName,LastName,Username,Password,Email\r\n', { type: 'import' }));
    clean(lintText('Username\r\n', { type: 'update' }));
    clean(lintText('Username\nalice\nbob\n'));
  });

  it('accepts alias spellings alone (work_locality, home_region) as the fields they stand for', () => {
    const text = 'Username,work_locality,work_region,home_locality,home_region\nalice,Paris,IDF,Lyon,ARA\n';
    for (const type of ['import', 'update', undefined] as const) {
      const result = lintText(text, { type });
      assert.deepEqual(result.problems.filter(p => p.code !== 'missing-header'), [], String(type));
    }
    clean(lintText(text, { type: 'update' }));
  });
});
