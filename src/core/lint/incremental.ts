import { cellText, ROLES } from '../catalogue';
import { ChunkedText, delimiterOf, lastAtOrBefore, LineStarts, ProblemList, scanRecords, type CsvProblem, type CsvProblemCode, type CsvRecord, type Field } from '../csv';
import { OrgIndex } from '../org';
import { columnOf, type ColumnInfo, type HeaderInfo } from '../rows';
import type { Severity } from './codes';
import { COMMAS, CONTENT, readHead, reportStructure } from './lint';
import { lintLocated, locate, type LocatedLint } from './located';
import { reportManagerSkipped, skippedDependents } from './dependencies';
import { knowsUser, OrgChecker, orgCellKey } from './org-rules';
import { DEFAULT_MAX_PROBLEMS, finish, Reporter } from './reporter';
import { RowChecker, uniqueColumns, type FirstUse, type UniqueValues } from './row-rules';
import type { LintOptions, LintProblem, Span, TextEdit } from './types';
import { uniqueKey } from './unique-index';

type Counts = Record<Severity, number>;

/**
 * One data record and the blank lines before it: the stretch of text from one record boundary to the next (the last
 * entry may be only the blank lines that end the file). Entries keep what the whole-file lint needs of their record
 * (how many problems of each kind it has, and the values other rows are compared with), never the record itself:
 * it is read again from the text when its problems are shown.
 */
interface Entry {
  start: number;
  end: number;
  /** False for the blank lines after the last record. */
  readonly record: boolean;
  /** The reader's problems in this stretch, by code. */
  readonly structure: Partial<Record<CsvProblemCode, number>> | undefined;
  /** The row rules' problems, by severity (the settings applied). */
  rows: Counts | undefined;
  /** The record's key in each unique column (see `uniqueKey`), where it has a value. */
  keys: (string | undefined)[] | undefined;
  /** The record's username and manager, as the organization's checks compare them (orgKey). */
  user: string | undefined;
  manager: string | undefined;
  /** The row's problems as last shown, while they stay true: only their offsets move with edits before them. */
  shown: Shown | undefined;
}

/** Problems built for an entry when it was record `index` starting at `start` (messages name the row). */
interface Shown {
  readonly index: number;
  readonly start: number;
  readonly problems: readonly LintProblem[];
}

/** What the lint of the current text knows, from its header on. */
interface State {
  readonly header: CsvRecord;
  readonly info: HeaderInfo;
  /** Where the first data entry starts (past the header's line break). */
  readonly headEnd: number;
  readonly headerFields: number;
  /** The reader's problems before the first data entry (blank lines, the header's own). */
  readonly headProblems: readonly CsvProblem[];
  /** The `sep=` hint's and the header's problems. */
  readonly head: Reporter;
  readonly entries: Entry[];
  /** The entries with problems, so a result visits those, not every row. */
  readonly flagged: Set<Entry>;
  readonly unique: readonly ColumnInfo[];
  /** Per unique column: each key's entries, in file order (the first holds the value; the others repeat it). */
  readonly holders: readonly Map<string, Entry[]>[];
  /** The entries naming each username, and those naming each manager (organization checks only). */
  readonly users: Map<string, Set<Entry>>;
  readonly managers: Map<string, Set<Entry>>;
  readonly org: OrgIndex | undefined;
  /** Checks records for their counts only: a reporter that keeps nothing builds no message. */
  readonly counter: Reporter;
  readonly countRow: RowCheck;
  /** Checks records into a reporter that keeps every problem, emptied before each record. */
  readonly collector: Reporter;
  readonly collectRow: RowCheck;
  /** Row checks that report into another reporter (the problems to show). */
  readonly checker: (reporter: Reporter) => RowCheck;
}

/** Checks one record, the entry it is read from given for the unique values' index. */
type RowCheck = (record: CsvRecord, entry: Entry) => void;

/** The start of a text that delimiter detection reads (its first lines, within 64 KiB of the header): edits past it cannot change the delimiter. */
const DETECTION_WINDOW = 70_000;

/**
 * The lint of a document being edited. After an edit it re-reads only the records the edit touched, from the record
 * boundary before it to the first boundary after it where the old reading resumes (a quote opened or closed can carry
 * that to the end of the file; an edit of the header, or of which delimiter the file uses, reads the whole file
 * again), and keeps the cross-row state (unique values, the file's usernames) in indexes the changed rows update.
 * Its result is always the whole-file lint's (`lintLocated`): the property tests hold it to that.
 */
export class IncrementalLint {
  private readonly current: ChunkedText;
  private readonly lines: LineStarts;
  private state: State | undefined;
  /** False once a reading found more reader problems than are kept: this model then lints whole texts only. */
  private buildable = true;
  private readonly max: number;

  constructor(
    text: string,
    private readonly options: LintOptions = {},
    /** The text's chunk size (tests make it small, so edits and readings cross chunks). */
    chunkSize?: number,
  ) {
    this.current = new ChunkedText(text, chunkSize);
    this.lines = new LineStarts(text);
    this.max = options.maxProblems ?? DEFAULT_MAX_PROBLEMS;
    this.state = this.build(text);
  }

  /** The current text, joined (a copy of the whole: for tests and whole-file work). */
  get text(): string {
    return this.current.toString();
  }

  /** Whether the next result comes from the kept state rather than a lint of the whole text. */
  get incremental(): boolean {
    return this.state !== undefined;
  }

  /** Applies the edits of one change: each against the text before the change (so they do not overlap). */
  edit(edits: readonly TextEdit[]): void {
    for (const e of [...edits].sort((a, b) => b.start - a.start)) this.apply(e);
  }

  /** The lint of the current text, problems placed on lines. */
  result(): LocatedLint {
    if (!this.state && this.buildable) this.state = this.build(this.text);
    if (!this.state) return lintLocated(this.text, this.options);
    return locate(this.findings(this.state), offset => this.lines.positionAt(offset));
  }

  /**
   * Reads the whole text and keeps what later edits need; undefined when the text is not one an edit can be
   * re-read in part of (no content, not separated by commas, or with more reader problems than are kept).
   */
  private build(text: string): State | undefined {
    if (!CONTENT.test(text) || delimiterOf(text) !== ',') return undefined;
    const { options } = this;
    const list = new ProblemList(this.max);
    const read = readHead(text, options, list);
    if (!read) return undefined;
    const { header, info, head, after: afterHeader } = read;
    const state = this.newState(header, info, afterHeader.pos, afterHeader.headerFields ?? 0, [...list.kept], head, uniqueColumns(info));
    let last = afterHeader.pos;
    let seen = list.kept.length;
    const fresh: [Entry, CsvRecord][] = [];
    const end = scanRecords(text, COMMAS, afterHeader, list, (record, next) => {
      const entry = newEntry(last, next, true, list.kept, seen);
      seen = list.kept.length;
      last = next;
      state.entries.push(entry);
      this.index(state, entry, record);
      fresh.push([entry, record]);
      return true;
    });
    // Problems past the reader's cap are counted, not placed: which entry they were in is lost.
    if (list.omitted) {
      this.buildable = false;
      return undefined;
    }
    if (end.pos > last) flag(state, state.entries[state.entries.push(newEntry(last, end.pos, false, list.kept, seen)) - 1]);
    for (const [entry, record] of fresh) this.count(state, entry, record);
    return state;
  }

  private newState(header: CsvRecord, info: HeaderInfo, headEnd: number, headerFields: number, headProblems: CsvProblem[], head: Reporter, unique: ColumnInfo[]): State {
    const { options } = this;
    const users = new Map<string, Set<Entry>>();
    const holders = unique.map(() => new Map<string, Entry[]>());
    const org = options.org ? new OrgIndex(options.org) : undefined;
    const values = new HeldValues(unique, holders, (first, column) => this.firstUse(state, first, column));
    const checker = (reporter: Reporter): RowCheck => {
      const orgChecker = org ? new OrgChecker(info, options.type, org, reporter, { has: key => users.has(key) }, options.createdByRun) : undefined;
      const rows = new RowChecker(info, options.type, reporter, values, orgChecker);
      return (record, entry) => {
        values.entry = entry;
        if (rows.check(record)) orgChecker?.check(record);
      };
    };
    const counter = new Reporter(options.rules, 0);
    const collector = new Reporter(options.rules, Number.POSITIVE_INFINITY);
    const state: State = {
      header, info, headEnd, headerFields, headProblems, head, unique, holders, users, org, counter, checker, collector,
      entries: [],
      flagged: new Set(),
      managers: new Map(),
      countRow: checker(counter),
      collectRow: checker(collector),
    };
    return state;
  }

  /** The whole-file lint from the kept state: the problems to show are read again, up to the cap. */
  private findings(state: State): { problems: ReturnType<typeof finish>['problems']; total: number; counts: Counts; rows: number } {
    const { options, max } = this;
    const list = new ProblemList(max);
    for (const p of state.headProblems) if (list.wants(p.code)) list.kept.push(p);
    const rows = { problems: [] as LintProblem[], total: 0, counts: { error: 0, warning: 0, info: 0 } };
    const { entries } = state;
    const dependents = this.dependents(state);
    const deps = new Reporter(options.rules, Number.POSITIVE_INFINITY);
    for (const entry of [...new Set([...state.flagged, ...dependents.keys()])].sort((a, b) => a.start - b.start)) {
      const i = entryAt(entries, entry.start);
      if (entry.structure) {
        const codes = Object.entries(entry.structure) as [CsvProblemCode, number][];
        if (codes.some(([code]) => list.room(code))) this.read(state, i, list);
        else for (const [code, n] of codes) list.skip(code, n);
      }
      if (entry.rows) {
        rows.counts.error += entry.rows.error;
        rows.counts.warning += entry.rows.warning;
        rows.counts.info += entry.rows.info;
        rows.total += entry.rows.error + entry.rows.warning + entry.rows.info;
        if (rows.problems.length < max) for (const p of this.shown(state, i, entry)) if (rows.problems.length < max) rows.problems.push(p);
      }
      const creator = dependents.get(entry);
      if (!creator) continue;
      // After the row's own problems, as the whole-file lint places it.
      const before = deps.total;
      reportManagerSkipped(deps, i + 1, this.read(state, i)!.fields[columnOf(state.info, ROLES.manager)!.index], () => {
        const at = entryAt(entries, creator.start);
        return { record: at + 1, username: this.read(state, at)!.fields[columnOf(state.info, ROLES.username)!.index] };
      });
      if (deps.total === before) continue;
      const p = deps.problems.pop()!;
      rows.counts[p.severity]++;
      rows.total++;
      if (rows.problems.length < max) rows.problems.push(p);
    }
    const structure = new Reporter(options.rules, max);
    reportStructure(structure, list.kept, list.omitted, state.header);
    const rowCount = entries.length - (entries[entries.length - 1]?.record === false ? 1 : 0);
    return { ...finish([structure, state.head, rows], max), rows: rowCount };
  }

  /** The entries whose manager's every row is skipped, each with the first of those rows (see skippedDependents). */
  private dependents(state: State): Map<Entry, Entry> {
    const { org } = state;
    const deps = new Reporter(this.options.rules, 0);
    const severity = deps.severityOf('manager-skipped');
    if (!org || severity === 'off' || state.managers.size === 0) return new Map();
    const waiting: [string, Set<Entry>][] = [];
    for (const [key, named] of state.managers) if (named.size && state.users.has(key) && !knowsUser(org, key)) waiting.push([key, named]);
    if (waiting.length === 0) return new Map();
    const erred = (entry: Entry) =>
      (entry.rows?.error ?? 0) > 0 || Object.keys(entry.structure ?? {}).some(code => deps.severityOf(code as CsvProblemCode) === 'error');
    const creators = (key: string) => {
      const rows = state.users.get(key);
      return rows ? [...rows].sort((a, b) => a.start - b.start) : undefined;
    };
    return skippedDependents(waiting, creators, erred, severity === 'error');
  }

  /**
   * An entry's row problems: those last built, moved with the entry, while its row number and its findings are
   * unchanged; built again otherwise. A repeated value's problem names the row first using it, which other rows'
   * edits can change, so a row with one is built every time.
   */
  private shown(state: State, i: number, entry: Entry): readonly LintProblem[] {
    const cached = entry.shown;
    if (cached?.index === i) {
      // Moved copies, not cached: they are dropped with the result, so no edit leaves long-lived garbage behind.
      const by = entry.start - cached.start;
      return by === 0 ? cached.problems : cached.problems.map(p => moved(p, by));
    }
    const { collector } = state;
    collector.problems.length = 0;
    state.collectRow(this.read(state, i)!, entry);
    const problems = [...collector.problems];
    entry.shown = problems.some(p => p.related) ? undefined : { index: i, start: entry.start, problems };
    return problems;
  }

  /** Reads entry `i` again, as the whole-file reading did (its problems into `list`), for its record. */
  private read(state: State, i: number, list = new ProblemList(Number.POSITIVE_INFINITY)): CsvRecord | undefined {
    const entry = state.entries[i];
    let found: CsvRecord | undefined;
    const start = { pos: entry.start, line: this.lines.lineAt(entry.start), index: i + 1, headerFields: state.headerFields, crlf: 0, lf: 0 };
    scanRecords(this.current.slice(entry.start, entry.end), { ...COMMAS, base: entry.start }, start, list, record => ((found = record), false));
    return found;
  }

  /** The first use of a unique value, for the message of a row that repeats it. */
  private firstUse(state: State, entry: Entry, column: number): { record: number; span: { start: number; end: number } } {
    const i = entryAt(state.entries, entry.start);
    const field = this.read(state, i)!.fields[state.unique[column].index];
    return { record: i + 1, span: { start: field.start, end: field.end } };
  }

  private apply(edit: TextEdit): void {
    const { current: text } = this;
    const inserted = edit.text;
    const { start: offset } = edit;
    const length = edit.end - edit.start;
    const before = text.slice(offset - 1, offset);
    text.edit(offset, edit.end, inserted);
    this.lines.edit(offset, length, inserted.length, text);
    const state = this.state;
    if (!state) return;
    const headerTouched = offset < state.headEnd || (offset === state.headEnd && (state.headEnd === text.length - inserted.length + length || before === '\r'));
    // A large paste or deletion costs a whole reading anyway; so does a change of the delimiter the file is read with.
    if (headerTouched || length + inserted.length > text.length / 4 || (offset < DETECTION_WINDOW && delimiterOf(text.slice(0, DETECTION_WINDOW)) !== ',')) {
      this.state = undefined;
      return;
    }
    const delta = inserted.length - length;
    const { entries } = state;
    // From the entry before the one edited: an edit at an entry's start can change how the line before it ends.
    const k = Math.max(0, entryAt(entries, Math.max(offset - 1, state.headEnd)));
    const from = entries.length ? entries[k].start : state.headEnd;
    const editEnd = offset + inserted.length;
    // Read a window of the text from there; a record that reaches the window's end may go on past it, so then the
    // window grows and the reading starts again (a quote opened can take it to the end of the file).
    let size = Math.max(4096, 2 * (editEnd - from));
    let fresh: [Entry, CsvRecord | undefined][];
    let j: number;
    for (;;) {
      const to = Math.min(text.length, from + size);
      const whole = to === text.length;
      const list = new ProblemList(Number.POSITIVE_INFINITY);
      const found: [Entry, CsvRecord | undefined][] = [];
      let next = k + 1;
      let last = from;
      let seen = 0;
      let stop = false;
      const end = scanRecords(text.slice(from, to), { ...COMMAS, base: from }, { pos: from, line: 0, index: k + 1, headerFields: state.headerFields, crlf: 0, lf: 0 }, list, (record, boundary) => {
        if (!whole && boundary >= to) return false;
        found.push([newEntry(last, boundary, true, list.kept, seen), record]);
        seen = list.kept.length;
        last = boundary;
        if (boundary < editEnd) return true;
        // Past the edit, the old reading resumes at a boundary it shares with this one.
        while (next < entries.length && entries[next].start + delta < boundary) next++;
        stop = next < entries.length && entries[next].start + delta === boundary;
        return !stop;
      });
      if (!stop && !whole) {
        // No boundary the old reading shares within the window (or a record cut by its end): read further.
        size *= 4;
        continue;
      }
      if (!stop && end.pos > last) found.push([newEntry(last, end.pos, false, list.kept, seen), undefined]);
      for (const [entry, record] of found) if (!record) flag(state, entry);
      fresh = found;
      j = stop ? next : entries.length;
      break;
    }
    const touched = new Set<Entry>();
    for (let i = k; i < j; i++) {
      this.unindex(state, entries[i], touched);
      state.flagged.delete(entries[i]);
    }
    const added = fresh.map(([e]) => e);
    if (added.length > 10_000) {
      entries.splice(k, j - k);
      insertMany(entries, k, added);
    } else entries.splice(k, j - k, ...added);
    if (delta !== 0) {
      for (let i = k + added.length; i < entries.length; i++) {
        entries[i].start += delta;
        entries[i].end += delta;
      }
    }
    for (const [entry, record] of fresh) if (record) this.index(state, entry, record, touched);
    for (const [entry, record] of fresh) if (record) this.count(state, entry, record);
    // Rows that share a value with a changed row, or name a manager whose presence changed: counted again.
    const own = new Set(added);
    for (const entry of touched) {
      if (own.has(entry) || !entry.record) continue;
      const i = entryAt(entries, entry.start);
      if (entries[i] !== entry) continue; // removed
      this.count(state, entry, this.read(state, i)!);
    }
  }

  /** Adds a record's values to the cross-row indexes; entries whose findings may change with it go in `touched`. */
  private index(state: State, entry: Entry, record: CsvRecord, touched?: Set<Entry>): void {
    const keys = state.unique.map(column => {
      const value = cellText(record.fields[column.index]).trim();
      return value === '' ? undefined : uniqueKey(value);
    });
    entry.keys = keys.some(k => k !== undefined) ? keys : undefined;
    keys.forEach((key, c) => {
      if (key === undefined) return;
      const holders = state.holders[c].get(key);
      if (!holders) {
        state.holders[c].set(key, [entry]);
        return;
      }
      insertSorted(holders, entry);
      if (touched) for (const h of holders) touched.add(h);
    });
    if (!state.org) return;
    const user = orgCellKey(record, columnOf(state.info, ROLES.username));
    entry.user = user;
    entry.manager = orgCellKey(record, columnOf(state.info, ROLES.manager));
    if (entry.manager !== undefined) {
      const named = state.managers.get(entry.manager);
      if (named) named.add(entry);
      else state.managers.set(entry.manager, new Set([entry]));
    }
    if (user !== undefined) {
      const named = state.users.get(user);
      if (named) named.add(entry);
      else {
        state.users.set(user, new Set([entry]));
        if (touched) for (const e of state.managers.get(user) ?? []) touched.add(e);
      }
    }
  }

  private unindex(state: State, entry: Entry, touched: Set<Entry>): void {
    entry.keys?.forEach((key, c) => {
      if (key === undefined) return;
      const holders = state.holders[c].get(key)!;
      const at = holders.indexOf(entry);
      if (at >= 0) holders.splice(at, 1);
      if (holders.length === 0) state.holders[c].delete(key);
      for (const h of holders) touched.add(h);
    });
    if (entry.manager !== undefined) state.managers.get(entry.manager)?.delete(entry);
    if (entry.user !== undefined) {
      const named = state.users.get(entry.user);
      named?.delete(entry);
      if (!named?.size) {
        state.users.delete(entry.user);
        for (const e of state.managers.get(entry.user) ?? []) touched.add(e);
      }
    }
  }

  /** Checks a record for how many problems of each severity it has (no message is built). */
  private count(state: State, entry: Entry, record: CsvRecord): void {
    const { counter } = state;
    const before = { ...counter.counts };
    state.countRow(record, entry);
    const { error, warning, info } = counter.counts;
    const rows = { error: error - before.error, warning: warning - before.warning, info: info - before.info };
    entry.rows = rows.error + rows.warning + rows.info > 0 ? rows : undefined;
    entry.shown = undefined;
    flag(state, entry);
  }
}

/** Unique values as the kept index knows them: a row repeats a value when an earlier row holds it. */
class HeldValues implements UniqueValues {
  /** The entry whose record is being checked. */
  entry: Entry | undefined;

  constructor(
    private readonly unique: readonly ColumnInfo[],
    private readonly holders: readonly Map<string, Entry[]>[],
    private readonly locate: (first: Entry, column: number) => { record: number; span: { start: number; end: number } },
  ) {}

  firstUse(column: ColumnInfo, value: string, _record: CsvRecord, _field: Field): FirstUse | undefined {
    const c = this.unique.indexOf(column);
    const first = c < 0 ? undefined : this.holders[c].get(uniqueKey(value))?.[0];
    if (!first || first === this.entry) return undefined;
    return () => this.locate(first, c);
  }
}

function newEntry(start: number, end: number, record: boolean, problems: readonly CsvProblem[], from: number): Entry {
  let structure: Partial<Record<CsvProblemCode, number>> | undefined;
  for (let i = from; i < problems.length; i++) {
    structure ??= {};
    structure[problems[i].code] = (structure[problems[i].code] ?? 0) + 1;
  }
  return { start, end, record, structure, rows: undefined, keys: undefined, user: undefined, manager: undefined, shown: undefined };
}

/** A problem moved `by` characters, with the spans its fixes edit (fields copied one by one: spreads are slow). */
function moved(p: LintProblem, by: number): LintProblem {
  const shift = (span: Span): Span => ({ start: span.start + by, end: span.end + by });
  const out: { -readonly [K in keyof LintProblem]: LintProblem[K] } = { code: p.code, severity: p.severity, message: p.message, span: shift(p.span) };
  if (p.record !== undefined) out.record = p.record;
  if (p.related !== undefined) out.related = p.related;
  if (p.fixes !== undefined) out.fixes = p.fixes.map(f => ('span' in f ? { ...f, span: shift(f.span) } : f));
  return out;
}

/** Keeps an entry in the set of those with problems exactly while it has some. */
function flag(state: State, entry: Entry): void {
  if (entry.structure || entry.rows) state.flagged.add(entry);
  else state.flagged.delete(entry);
}

/** The index of the last entry starting at or before `offset` (-1 when none does). */
function entryAt(entries: readonly Entry[], offset: number): number {
  return lastAtOrBefore(entries.length, i => entries[i].start, offset);
}

/** Inserts an entry into a list kept in file order (usually of one or two). */
function insertSorted(list: Entry[], entry: Entry): void {
  let at = list.length;
  while (at > 0 && list[at - 1].start > entry.start) at--;
  list.splice(at, 0, entry);
}

/** Inserts many entries without passing them all as arguments (which has a limit). */
function insertMany(list: Entry[], at: number, items: readonly Entry[]): void {
  const tail = list.splice(at);
  for (const e of items) list.push(e);
  for (const e of tail) list.push(e);
}
