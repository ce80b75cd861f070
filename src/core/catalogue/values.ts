import type { ValueRule } from './types';

/**
 * Reading one cell: text → the typed value the import sends, or the problem that keeps it from being sent. This is
 * the only parser of cell values in the product; the lint reports its problems, hover shows its values and the
 * import planner sends them. Plain functions rather than zod: a cell is one string and the checks are a regex or a
 * range each, and zod's per-call cost dominated a 100k-row lint.
 */

/** Codes of the value problems a cell can have; the linter reports them under these names. */
export type ValueCode =
  | 'invalid-email'
  | 'invalid-boolean'
  | 'powershell-boolean'
  | 'invalid-integer'
  | 'out-of-range'
  | 'invalid-id'
  | 'attribute-name'
  | 'too-long'
  | 'formula-username'
  | 'whitespace';

export interface ValueIssue {
  readonly code: ValueCode;
  readonly message: string;
  /** A corrected cell text, when the correction is certain enough to offer as a quick fix. */
  readonly fix?: string;
}

export type CellValue = string | number | boolean;

/**
 * A cell's reading. `value` is present whenever the import can send the cell, also when an `issue` that does not
 * block it comes with it (a `whitespace` or `powershell-boolean` note: the value sent is then the trimmed text or the
 * boolean meant); an issue without a value blocks the row.
 */
export interface CellReading {
  readonly value?: CellValue;
  readonly issue?: ValueIssue;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const OBJECT_ID_RE = /^[0-9a-f]{24}$/i;
const ATTRIBUTE_NAME_RE = /^[A-Za-z0-9]+$/;
const INTEGER_RE = /^[+-]?\d+$/;
/** The first characters that make a spreadsheet read a cell as a formula (a tab or CR too, but those are trimmed). */
const FORMULA_START = /^[=+\-@]/;
/** Spellings that plainly mean a boolean but are not read as one; offered as fixes, never accepted silently. */
const BOOLEAN_GUESSES: Record<string, boolean> = { yes: true, no: false, y: true, n: false, '1': true, '0': false };

const OK_TRUE: CellReading = { value: true };
const OK_FALSE: CellReading = { value: false };

/**
 * The text of a cell as files written for JumpCloud's PowerShell module mean it: `Import-Csv` drops spaces and tabs
 * before an unquoted field (`FirstName, LastName`), so they are not part of the value. Quoted text is kept as is.
 */
export function cellText(field: { readonly value: string; readonly quoted: boolean } | undefined): string {
  if (!field) return '';
  const { value } = field;
  if (field.quoted || value === '') return value;
  const c = value.charCodeAt(0);
  return c === 32 || c === 9 ? value.replace(/^[ \t]+/, '') : value;
}

function edgeSpace(value: string, identifier: boolean | undefined): ValueIssue | undefined {
  if (!identifier || value === value.trim()) return undefined;
  return { code: 'whitespace', message: 'has leading or trailing spaces; the import sends it without them', fix: value.trim() };
}

/** Reads one non-empty cell (see `cellText`) under a value rule. */
export function readValue(rule: ValueRule, text: string): CellReading {
  switch (rule.kind) {
    case 'text': {
      const trimmed = rule.identifier ? text.trim() : text;
      if (rule.maxLength !== undefined && trimmed.length > rule.maxLength) {
        return { issue: { code: 'too-long', message: `is ${trimmed.length} characters long; the most is ${rule.maxLength}` } };
      }
      if (rule.noFormula && FORMULA_START.test(trimmed)) {
        return { issue: { code: 'formula-username', message: `starts with "${trimmed[0]}", so a spreadsheet would run it as a formula (and JumpCloud usernames start with a letter)` } };
      }
      const issue = edgeSpace(text, rule.identifier);
      return issue ? { value: trimmed, issue } : { value: text };
    }
    case 'email': {
      const trimmed = text.trim();
      if (!EMAIL_RE.test(trimmed)) return { issue: { code: 'invalid-email', message: 'is not a valid e-mail address' } };
      const issue = edgeSpace(text, rule.identifier);
      return issue ? { value: trimmed, issue } : { value: trimmed };
    }
    case 'boolean': {
      const lower = text.trim().toLowerCase();
      if (lower === 'true') return OK_TRUE;
      if (lower === 'false') return OK_FALSE;
      if (lower === '$true' || lower === '$false') {
        const value = lower === '$true';
        // JumpCloud's own module and files write $True where it read it (Administrator, MFA on import): not a mistake.
        if (rule.powershell) return { value };
        return { value, issue: { code: 'powershell-boolean', message: `is PowerShell syntax; the import reads it as ${value}, but write ${value}`, fix: String(value) } };
      }
      const meant = BOOLEAN_GUESSES[lower];
      return {
        issue: {
          code: 'invalid-boolean',
          message: 'is not a boolean; write true or false',
          ...(meant === undefined ? {} : { fix: String(meant) }),
        },
      };
    }
    case 'integer': {
      const trimmed = text.trim();
      if (!INTEGER_RE.test(trimmed)) return { issue: { code: 'invalid-integer', message: 'is not a whole number' } };
      const n = Number(trimmed);
      if (n < rule.min || n > rule.max) return { issue: { code: 'out-of-range', message: `is out of range; use ${rule.min} to ${rule.max}` } };
      return { value: n };
    }
    case 'objectId': {
      const trimmed = text.trim();
      if (!OBJECT_ID_RE.test(trimmed)) return { issue: { code: 'invalid-id', message: 'is not a JumpCloud id (24 hexadecimal digits)' } };
      return { value: trimmed.toLowerCase() };
    }
    case 'attributeName': {
      if (ATTRIBUTE_NAME_RE.test(text)) return { value: text };
      const cleaned = text.replace(/[^A-Za-z0-9]/g, '');
      return { issue: { code: 'attribute-name', message: 'may contain only letters and digits', ...(cleaned ? { fix: cleaned } : {}) } };
    }
  }
}

/**
 * A cheap test that a cell certainly reads as a value with no note, so the lint can skip `readValue` (and its
 * allocation) for the great majority of cells of a large file. It must never accept what `readValue` notes or
 * refuses; a property test holds the two together through the lint.
 */
export function quickAccept(rule: ValueRule): (text: string) => boolean {
  // `edgeSpace` uses trim(), which also strips non-ASCII spaces (U+00A0 from web pages and Excel, U+3000, U+2028, the
  // BOM…). Printable ASCII is never trimmed; any other edge character is accepted only if `\s` (exactly the set trim()
  // removes) does not match it, so such cells still go to readValue and get their whitespace note.
  const kept = (c: number) => (c > 32 && c < 128) || (c >= 128 && !/\s/.test(String.fromCharCode(c)));
  const noEdgeSpace = (v: string) => kept(v.charCodeAt(0)) && kept(v.charCodeAt(v.length - 1));
  switch (rule.kind) {
    case 'text': {
      const max = rule.maxLength ?? Infinity;
      if (rule.noFormula) return v => v.length <= max && noEdgeSpace(v) && !FORMULA_START.test(v);
      return rule.identifier ? v => v.length <= max && noEdgeSpace(v) : v => v.length <= max;
    }
    case 'email':
      return v => EMAIL_RE.test(v) && noEdgeSpace(v);
    case 'boolean':
      return v => v === 'true' || v === 'false' || v === 'TRUE' || v === 'FALSE' || v === 'True' || v === 'False';
    case 'integer':
      return v => /^\d{1,10}$/.test(v) && Number(v) >= rule.min && Number(v) <= rule.max;
    case 'objectId':
      return v => OBJECT_ID_RE.test(v);
    case 'attributeName':
      return v => ATTRIBUTE_NAME_RE.test(v);
  }
}
