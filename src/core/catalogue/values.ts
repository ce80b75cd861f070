import { z } from 'zod';
import type { CellSchema, ValueRule } from './types';

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
  | 'whitespace'
  | 'invalid-value';

export interface ValueIssue {
  code: ValueCode;
  message: string;
  /** A corrected cell text, when the correction is certain enough to offer as a quick fix. */
  fix?: string;
}

export type CellResult<T> = { ok: true; value: T } | { ok: false; issue: ValueIssue };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const OBJECT_ID_RE = /^[0-9a-f]{24}$/i;
const ATTRIBUTE_NAME_RE = /^[A-Za-z0-9]+$/;
const INTEGER_RE = /^[+-]?\d+$/;
/** Spellings that plainly mean a boolean; offered as fixes, never accepted silently. */
const BOOLEAN_SPELLINGS: Record<string, boolean> = { $true: true, $false: false, yes: true, no: false, y: true, n: false, '1': true, '0': false };

/** Raised inside a schema so that the issue keeps its lint code and fix through zod. */
function fail(ctx: z.RefinementCtx, issue: ValueIssue): never {
  ctx.addIssue({ code: 'custom', message: issue.message, params: issue });
  return z.NEVER;
}

function whitespaceCheck(value: string, ctx: z.RefinementCtx): void {
  if (value !== value.trim()) {
    fail(ctx, { code: 'whitespace', message: 'has leading or trailing spaces', fix: value.trim() });
  }
}


/** Builds the zod schema of one cell (a non-empty string) for a value rule. */
export function cellSchema(rule: ValueRule): CellSchema {
  switch (rule.kind) {
    case 'text':
      return z.string().transform((value, ctx) => {
        if (rule.identifier) whitespaceCheck(value, ctx);
        if (rule.maxLength !== undefined && value.length > rule.maxLength) {
          fail(ctx, { code: 'too-long', message: `is ${value.length} characters long; the most is ${rule.maxLength}` });
        }
        return value;
      });
    case 'email':
      return z.string().transform((value, ctx) => {
        if (rule.identifier) whitespaceCheck(value, ctx);
        if (!EMAIL_RE.test(value.trim())) fail(ctx, { code: 'invalid-email', message: 'is not a valid e-mail address' });
        return value.trim();
      });
    case 'boolean':
      return z.string().transform((value, ctx) => {
        const lower = value.trim().toLowerCase();
        if (lower === 'true') return true;
        if (lower === 'false') return false;
        const meant = BOOLEAN_SPELLINGS[lower];
        if (lower === '$true' || lower === '$false') {
          fail(ctx, { code: 'powershell-boolean', message: `is PowerShell syntax; write ${meant}`, fix: String(meant) });
        }
        return fail(ctx, {
          code: 'invalid-boolean',
          message: 'is not a boolean; write true or false',
          ...(meant === undefined ? {} : { fix: String(meant) }),
        });
      });
    case 'integer':
      return z.string().transform((value, ctx) => {
        const trimmed = value.trim();
        if (!INTEGER_RE.test(trimmed)) return fail(ctx, { code: 'invalid-integer', message: 'is not a whole number' });
        const n = Number(trimmed);
        if (n < rule.min || n > rule.max) {
          fail(ctx, { code: 'out-of-range', message: `is out of range; use ${rule.min} to ${rule.max}` });
        }
        return n;
      });
    case 'objectId':
      return z.string().transform((value, ctx) => {
        if (!OBJECT_ID_RE.test(value.trim())) fail(ctx, { code: 'invalid-id', message: 'is not a JumpCloud id (24 hexadecimal digits)' });
        return value.trim().toLowerCase();
      });
    case 'attributeName':
      return z.string().transform((value, ctx) => {
        if (!ATTRIBUTE_NAME_RE.test(value)) {
          const cleaned = value.replace(/[^A-Za-z0-9]/g, '');
          fail(ctx, {
            code: 'attribute-name',
            message: 'may contain only letters and digits',
            ...(cleaned ? { fix: cleaned } : {}),
          });
        }
        return value;
      });
  }
}

/**
 * A cheap test that a cell is certainly valid, so the linter runs the zod schema only on cells that may not be
 * (zod's per-call cost dominates a 100k-row lint otherwise). It must never accept what the schema rejects; a
 * property test holds the two together.
 */
export function quickAccept(rule: ValueRule): (value: string) => boolean {
  // `whitespaceCheck` uses trim(), which also strips non-ASCII spaces (U+00A0 from web pages and Excel, U+3000, U+2028,
  // the BOM…). Printable ASCII is never trimmed; any other edge character is accepted only if `\s` (exactly the set
  // trim() removes) does not match it, so such cells still go to the schema and get their whitespace warning.
  const kept = (c: number) => (c > 32 && c < 128) || (c >= 128 && !/\s/.test(String.fromCharCode(c)));
  const noEdgeSpace = (v: string) => kept(v.charCodeAt(0)) && kept(v.charCodeAt(v.length - 1));
  switch (rule.kind) {
    case 'text': {
      const max = rule.maxLength ?? Infinity;
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

/** Parses one non-empty cell with a column's schema (`ColumnSpec.schema`). */
export function parseCell(schema: CellSchema, text: string): CellResult<string | number | boolean> {
  const result = schema.safeParse(text);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0] as { params?: ValueIssue; message: string } | undefined;
  return { ok: false, issue: issue?.params ?? { code: 'invalid-value', message: issue?.message ?? 'is not valid' } };
}
