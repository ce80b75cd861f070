import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { UserCsvKind } from '../../core/catalogue';
import type { ExecuteResults, ImportPlan, NewUserState } from '../../core/import';
import { pathTaken, sameFile, writeFileSafely } from '../../core/files/safe-write';
import { typeFromFileName } from '../../core/lint/file-type';
import { ClosedOutputError, keepGoing, UsageError, type CliCommand, type CliIo, type ExitCode } from '../io';
import { asSetUpFailure, connectionFromEnv } from '../jumpcloud-env';
import { concurrencyOf, IMPORT_CONCURRENCY, NEW_USER_STATE_WORDS, newUserStateOf } from '../../core/import/settings';

// The settings' own module: it imports nothing, so --help does not load the import engine.
const { default: DEFAULT_CONCURRENCY, min: MIN_CONCURRENCY, max: MAX_CONCURRENCY } = IMPORT_CONCURRENCY;

const usage = `Usage: jumpcloud-csv import FILE [options]

Creates (new-users files) or updates (update files) JumpCloud users from a CSV:
reads from the organization what the file names (once), plans exactly what each
row will send, shows it, asks, then sends it, several users at a time. Rows with
lint errors are not sent: the plan is the lint of the file (as jumpcloud-csv lint
checks it against the organization), so it skips exactly the rows the lint
flags. A file that is not valid UTF-8 (or UTF-16 with a BOM) is not sent at all.
Every outcome goes to a journal as it happens, so an interrupted import resumes
where it stopped and a finished one re-run sends nothing.

Options:
  --type import|update     the file's kind (default: from its name,
                           JCUserImport_*.csv or JCUserUpdateImport_*.csv)
  --dry-run                print the plan and send nothing
  --yes                    do not ask before sending (needed without a terminal)
  --concurrency N          users sent at once, ${MIN_CONCURRENCY} to ${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY}; it falls by
                           itself when JumpCloud answers 429)
  --state activated|staged new users: activated (welcome e-mail now) or staged (no
                           e-mail until they are activated); default: what the
                           organization's settings choose for CSV imports, else
                           activated
  --journal FILE           the journal (default FILE.journal.jsonl beside the CSV)
  --results FILE           also write the results as CSV (the PowerShell module's
                           columns, plus Error); never the file imported
  --force                  replace the --results file if it exists (a symbolic
                           link is replaced itself, never the file it points to)
  --format text|json       text (default) or one JSON document of the results
  --base-url URL           another API address (as JC_API_URL)
  -h, --help               show this help

The key comes from JC_API_KEY only (with JC_ORG_ID, JC_REGION us|eu|in or
JC_API_URL as needed); it is never printed.

Exit codes: 0 every row succeeded (or nothing to do), 1 a row failed, was skipped
for errors or was cancelled, 2 bad usage, no key, a file that cannot be read, or an
organization that cannot be read (the message names the setting to check), 141 the
output was closed (| head) before the plan was shown, so nothing was sent. Once
sending has started, a closed output stops nothing: the import finishes, every
outcome is in the journal, and the exit code is the import's own.`;

/** The confirmation on the terminal: the plan's state for new users on "y", nothing sent otherwise; without a terminal, a usage error (exit 2). */
function askOnTerminal(io: CliIo, planSummary: (plan: ImportPlan) => string, creationNote: (plan: ImportPlan) => string | undefined) {
  return async (plan: ImportPlan): Promise<NewUserState | undefined> => {
    if (!io.ask) throw new UsageError('not a terminal, so nothing was sent; check the plan above and run again with --yes');
    const note = creationNote(plan);
    const answer = await io.ask(`${planSummary(plan)}${note ? ` ${note}` : ''} Import? [y/N] `);
    return /^y(es)?$/i.test((answer ?? '').trim()) ? plan.newUserState : undefined;
  };
}

/** 1 when the file is blocked, a row is skipped for errors, or (after sending) a row failed or was cancelled. */
function exitCode(plan: { readonly blocked?: readonly unknown[]; readonly skipped: number }, results?: ExecuteResults): ExitCode {
  if (plan.blocked?.length) return 1;
  if (plan.skipped > 0) return 1;
  if (results && (results.counts.failed > 0 || results.counts.cancelled > 0 || results.journalError)) return 1;
  return 0;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'create or update users from a CSV: preview, confirm, send',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        type: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        state: { type: 'string' },
        journal: { type: 'string' },
        results: { type: 'string' },
        force: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        'base-url': { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError('give one CSV file to import');
    const [file] = positionals;
    if (values.type !== undefined && values.type !== 'import' && values.type !== 'update') throw new UsageError(`--type must be import or update, not "${values.type}"`);
    const kind: UserCsvKind | undefined = values.type ?? typeFromFileName(file);
    if (!kind) throw new UsageError(`cannot tell whether ${file} holds new users or updates from its name: give --type import or --type update`);
    const newUserState = values.state === undefined ? undefined : newUserStateOf(values.state);
    if (values.state !== undefined && !newUserState) throw new UsageError(`--state must be ${NEW_USER_STATE_WORDS.join(' or ')}, not "${values.state}"`);
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : concurrencyOf(values.concurrency);
    if (concurrency === undefined) throw new UsageError(`--concurrency ${values.concurrency}: use a whole number from ${MIN_CONCURRENCY} to ${MAX_CONCURRENCY}`);
    const json = values.format === 'json';

    const csvPath = path.resolve(io.cwd, file);
    const journalPath = path.resolve(io.cwd, values.journal ?? `${file}.journal.jsonl`);
    const resultsPath = values.results === undefined ? undefined : path.resolve(io.cwd, values.results);
    if (values.force && !resultsPath) throw new UsageError('--force replaces the --results file; give --results FILE');
    // Checked before anything is read or sent, so a results file that cannot be written never costs an import.
    if (resultsPath && (await sameFile(resultsPath, csvPath))) throw new UsageError(`--results ${values.results} is the file being imported; give another name`);
    if (await sameFile(journalPath, csvPath)) throw new UsageError(`--journal ${values.journal} is the file being imported; give another name`);
    if (resultsPath && !values.force && (await pathTaken(resultsPath))) throw new UsageError(`--results ${values.results} already exists; pass --force to replace it, or give another name`);
    // Bytes, not text: the import decodes them as the lint does, so a file the lint calls badly encoded is not sent.
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(csvPath);
    } catch (e) {
      io.stderr(`jumpcloud-csv import: cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    // Loaded here so that --help stays light.
    const { createAdaptiveLimiter, creationNote, runImport, fileJournal, planCounts, planPreviewChunks, planSummary, prepareImport, resultsCsv, streamedPreview, countsText, userLine } = await import('../../core/import');
    const env = values['base-url'] ? { ...io.env, JC_API_URL: values['base-url'] } : io.env;
    const limiter = createAdaptiveLimiter({ maxConcurrency: concurrency });
    const connection = await connectionFromEnv({ ...io, env }, { gate: limiter, connections: concurrency });
    if (!connection) {
      io.stderr('jumpcloud-csv import: set JC_API_KEY to an administrator API key (and JC_ORG_ID, JC_REGION or JC_API_URL as needed)\n');
      return 2;
    }
    const journal = fileJournal(journalPath);
    try {
      const progress = (label: string) => (p: { done: number; total: number }) => {
        if (io.progress) io.progress(`${label} ${p.done}/${p.total}`);
      };
      const prepared = await prepareImport({
        client: connection.client,
        bytes,
        kind,
        ...(newUserState ? { newUserState } : {}),
        journal,
        now: Date.now(),
        signal: io.signal,
        onProgress: progress('reading the organization'),
      }).catch((e: unknown) => {
        // Nothing has been sent yet: a refused key or an address that does not answer is a set-up problem (exit 2).
        throw asSetUpFailure(e);
      });
      io.progress?.('');
      if (values['dry-run'] && !json) {
        // Counted, then planned again and written out as it goes: a dry run holds neither the plan nor its text.
        const outline = streamedPreview(prepared.planRows, io.stdout);
        return exitCode({ ...outline, skipped: outline.counts.skipped });
      }
      const { plan } = prepared;
      const planned = { ...(plan.blocked ? { blocked: plan.blocked } : {}), skipped: planCounts(plan).skipped };
      if (!json || values['dry-run']) {
        try {
          if (json) io.stdout(`${JSON.stringify({ plan }, null, 2)}\n`);
          else for (const chunk of planPreviewChunks(plan)) io.stdout(chunk);
        } catch (e) {
          // A plan that cannot be shown is not sent, whatever --yes says.
          if (e instanceof ClosedOutputError && !values['dry-run']) keepGoing(io.stderr).write('jumpcloud-csv import: the output was closed before the plan was shown; nothing was sent\n');
          throw e;
        }
      }
      if (values['dry-run']) return exitCode(planned);
      const outcome = await runImport(prepared, {
        client: connection.client,
        limiter,
        concurrency,
        journal,
        signal: io.signal,
        onProgress: p => io.progress?.(`importing ${p.done}/${p.total}${p.current ? ` ${p.current}` : ''}`),
        ...(values.yes ? {} : { confirm: askOnTerminal(io, planSummary, creationNote) }),
      });
      if (outcome.kind === 'blocked') return 1;
      if (outcome.kind === 'nothing-to-send') {
        if (!json) io.stderr('Nothing to send.\n');
        else io.stdout(`${JSON.stringify({ summary: planSummary(plan), users: [] }, null, 2)}\n`);
        return exitCode(planned);
      }
      if (outcome.kind === 'declined') {
        io.stderr('Nothing was sent.\n');
        return 1;
      }
      const { results } = outcome;
      io.progress?.('');
      // Once sending has started, a closed output stops nothing and hides nothing: every outcome is already in the
      // journal (and --results), and the exit code is the import's own, so failed rows are never reported as 141.
      const out = keepGoing(io.stdout);
      const err = keepGoing(io.stderr);
      const resultsWritten = resultsPath ? await writeFileSafely(resultsPath, resultsCsv(results), values.force ? 'replace' : 'new') : undefined;
      const journalName = path.relative(io.cwd, journal.path) || journal.path;
      if (json) out.write(`${JSON.stringify(results, null, 2)}\n`);
      else {
        for (const user of results.users) out.write(`${userLine(user, results)}\n`);
        err.write(`${countsText(results.counts)} (run ${results.run}${results.continues ? `, continuing ${results.continues.join(', ')}` : ''}; journal ${journalName})\n`);
        if (results.journalError) err.write(`jumpcloud-csv import: the journal could not be written (${results.journalError}); the users left were not started\n`);
      }
      if (out.closed()) err.write(`jumpcloud-csv import: the output was closed, so the results were not all printed; every outcome is in ${journalName}${resultsPath ? ` and ${values.results}` : ''}\n`);
      if (resultsWritten === 'exists') {
        err.write(`jumpcloud-csv import: ${values.results} appeared during the import and was kept; the results were not written there (they are above and in the journal)\n`);
        return 1;
      }
      return exitCode(planned, results);
    } finally {
      await journal.close();
      await connection.close();
    }
  },
};
