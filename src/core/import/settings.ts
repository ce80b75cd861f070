/**
 * The import's two settings, each defined once for the CLI (`--state`, `--concurrency`) and the editor
 * (`jumpcloud.import.newUserState`, `jumpcloud.import.concurrency`). The manifest test holds package.json's schema to
 * these values. Nothing heavy is imported here, so the CLI's --help can show them without loading the engine.
 */

/** The state JumpCloud creates a new user in: ACTIVATED (the welcome e-mail goes now) or STAGED (no e-mail yet). */
export type NewUserState = 'ACTIVATED' | 'STAGED';

/** The words the CLI's --state takes for it. */
export const NEW_USER_STATE_WORDS = ['activated', 'staged'] as const;
export type NewUserStateWord = (typeof NEW_USER_STATE_WORDS)[number];

/** The words the editor's setting takes: the default, `organization`, follows the organization's own settings. */
export const NEW_USER_STATE_SETTING = ['organization', ...NEW_USER_STATE_WORDS] as const;

/** `activated` or `staged` (a setting, a flag) as the API's state; anything else (`organization`) is undefined. */
export function newUserStateOf(word: string | undefined): NewUserState | undefined {
  if (word === 'activated') return 'ACTIVATED';
  if (word === 'staged') return 'STAGED';
  return undefined;
}

/**
 * Users in flight at once: the default, and the range both fronts accept. The benchmark (test/bench/import.ts) shows
 * 16 over 10x faster than one at a time at 25 ms per request; the shared limiter halves it as soon as an organization
 * answers 429, so a high start costs one round of 429s at most. Above 64 JumpCloud's rate limit is reached first.
 */
export const IMPORT_CONCURRENCY = { default: 16, min: 1, max: 64 } as const;

/** A concurrency as given (a setting's number, a flag's text), or undefined when it is not a whole number in range. */
export function concurrencyOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= IMPORT_CONCURRENCY.min && n <= IMPORT_CONCURRENCY.max ? n : undefined;
}
