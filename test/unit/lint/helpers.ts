import * as assert from 'node:assert/strict';
import { LINT_CODES, applyEdits, fixEdits, lintText, type Fix, type LintCode, type LintOptions, type LintProblem, type LintResult, type Span } from '../../../src/core/lint';

/** The shared samples (/work/shared/samples), inlined so the tests need nothing outside the repository. */
export const SAMPLES = {
  import:
    'FirstName,LastName,Username,Password,Email,jobTitle,department,employeeIdentifier,mobile_number,SystemID,Administrator,Group1,Group2,Attribute1_name,Attribute1_value\n' +
    'Ada,Lovelace,alovelace,,ada.lovelace@example.com,Engineer,Engineering,E1001,+1 555 0100,5f1a2b3c4d5e6f7a8b9c0d1e,true,Engineering,VPN Users,WorkdayID,W-1001\n' +
    'Grace,Hopper,ghopper,,grace.hopper@example.com,"Rear Admiral, Ret.",Engineering,E1002,,,,Engineering,,WorkdayID,W-1002\n' +
    'Alan,Turing,aturing,,alan.turing@example.com,Researcher,Research,E1003,+44 20 7946 0000,,,Research,VPN Users,,\n',
  update:
    '"Username","mobile_number","home_number","work_number","work_mobile_number","work_fax_number"\n' +
    'nnickerson,123-456-777,,777,,\n' +
    'hflax,123-456-888,,888,,\n' +
    'dvickers,123-456-999,,999,,\n',
  semicolonBom:
    '\uFEFFFirstName;LastName;Username;Email;department\r\n' +
    'José;García;jgarcia;jose.garcia@example.com;Ventas\r\n' +
    'Marie;Dupont;mdupont;marie.dupont@example.com;"R&D; Labs"\r\n',
  typicalMistakes:
    'FirstName,LastName,UserName,Email,Emial,jobtitle,Administrator,SystemID,enable_user_portal_multifactor,EnrollmentDays,Group1,Attribute1_name\n' +
    'Sam,Ng,sng,sam.ng@example,,Analyst,yes,abc123,,14,Finance,Cost Center\n' +
    'Lee,Park,lpark,lee.park@example.com,,Analyst,,,true,400,,\n' +
    'Sam,Ng,sng,sam.ng@example.com,,Analyst,,,,,,\n',
} as const;

/** The text a span covers. */
export function at(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** The problems of one code. */
export function problemsOf(result: Pick<LintResult, "problems">, code: LintCode): LintProblem[] {
  return result.problems.filter(p => p.code === code);
}

/**
 * Lints `text` and returns the one problem of `code`, checking it has the code's default severity and a span inside
 * the text (and, when `covers` is given, that the span covers exactly that text).
 */
export function one(text: string, code: LintCode, options: LintOptions & { covers?: string } = {}): LintProblem {
  const result = lintText(text, options);
  const found = problemsOf(result, code);
  assert.equal(found.length, 1, `expected one ${code}, got: ${JSON.stringify(result.problems.map(p => `${p.code}: ${p.message}`), null, 1)}`);
  const [p] = found;
  assert.equal(p.severity, LINT_CODES[code].severity, `${code} severity`);
  assert.ok(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length, `${code} span ${JSON.stringify(p.span)}`);
  if (options.covers !== undefined) assert.equal(at(text, p.span), options.covers, `${code} span text`);
  return p;
}

/** The only fix a problem offers (asserting there is exactly one). */
export function onlyFix(p: LintProblem): Fix {
  assert.equal(p.fixes?.length, 1, `expected one fix on ${p.code}, got ${JSON.stringify(p.fixes)}`);
  return p.fixes![0];
}

/** Applies one fix the way the editor does: edits computed against the linted document, then applied to the text. */
export function applyFix(text: string, fix: Fix, options: LintOptions = {}): string {
  const { document } = lintText(text, options);
  return applyEdits(text, fixEdits(text, document, fix));
}
