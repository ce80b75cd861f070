/**
 * What `npm run bench` prints, kept as data too: each line of text as it is printed, and each figure in it as a number
 * with its unit, how it was measured and its target, written as JSON beside the text (`bench-results/bench-results.json`
 * unless `--json FILE` says where). A figure that cannot be right (not a finite number, outside what is possible, or
 * counts that disagree) throws `ImpossibleFigure` instead of being printed: the run fails rather than mislead.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Comparison = '<' | '<=' | '>=' | '>';

/** A target as data: `value op bound` (e.g. a speed-up `>=` 10 x). */
export interface Target {
  readonly op: Comparison;
  readonly bound: number;
}

export interface Figure {
  /** The part of the bench ("lint", "import", "memory", "editor", ...). */
  readonly part: string;
  /** Stable, for tools: "import.speedup". */
  readonly id: string;
  /** What it is, in words. */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** How it was measured (median of how many runs, of what). */
  readonly how?: string;
  readonly target?: Target & { readonly met: boolean };
  /** The single runs a median or a difference was taken from, in the figure's unit. */
  readonly samples?: readonly number[];
}

export interface Machine {
  readonly cpu: string;
  /** Logical CPUs (os.cpus()), and what Node may use (os.availableParallelism()). */
  readonly cores: number;
  readonly availableParallelism: number;
  readonly memoryBytes: number;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
  /** 1, 5 and 15 minute load averages when the bench started: other work on the machine skews the times. */
  readonly loadAverage: readonly number[];
}

export interface BenchResults {
  /** When the bench started (ISO 8601). */
  readonly date: string;
  readonly finished?: string;
  readonly machine: Machine;
  /** False when the run stopped early (see `error`): the figures are those measured before. */
  readonly complete: boolean;
  readonly error?: string;
  readonly figures: readonly Figure[];
  readonly targets: { readonly met: number; readonly missed: readonly string[] };
  /** Every line printed, in order. */
  readonly text: readonly string[];
}

/** A figure that cannot be right; the bench stops (non-zero exit) instead of printing it. */
export class ImpossibleFigure extends Error {
  override readonly name = 'ImpossibleFigure';
}

/** Throws ImpossibleFigure with `message` unless `ok`. */
export function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new ImpossibleFigure(message);
}

/** a / b, which must be a finite number (not NaN, not a division by zero). */
export function ratio(a: number, b: number, what: string): number {
  const r = a / b;
  check(Number.isFinite(a) && Number.isFinite(b) && b !== 0 && Number.isFinite(r), `${what}: ${a} / ${b} is not a finite number`);
  return r;
}

export function median(xs: readonly number[]): number {
  check(xs.length > 0, 'the median of no runs');
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: os.platform(),
    arch: os.arch(),
    osRelease: os.release(),
    loadAverage: os.loadavg().map(l => Math.round(l * 100) / 100),
  };
}

export interface FigureOptions {
  readonly how?: string;
  readonly target?: Target;
  /** The figure is impossible outside [min, max] (e.g. a duration <= 0, a share of a limit above what it allows). */
  readonly min?: number;
  readonly max?: number;
  /** min/max exclusive (a duration must be > 0, not >= 0). */
  readonly exclusive?: boolean;
  readonly samples?: readonly number[];
}

const meets = (value: number, { op, bound }: Target) => (op === '<' ? value < bound : op === '<=' ? value <= bound : op === '>=' ? value >= bound : value > bound);

export class BenchReport {
  private readonly started = new Date();
  private readonly host = machine();
  private readonly figures: Figure[] = [];
  private readonly text: string[] = [];

  constructor(private readonly print: (line: string) => void = line => console.log(line)) {}

  /** Prints a line (each line of a multi-line string is kept apart). */
  log(line: string): void {
    this.text.push(...line.split('\n'));
    this.print(line);
  }

  /** Records a figure and returns its value; throws ImpossibleFigure when it is not a finite number or out of range. */
  figure(part: string, id: string, name: string, value: number, unit: string, options: FigureOptions = {}): number {
    const full = `${part}.${id}`;
    check(Number.isFinite(value), `${full} (${name}) is ${value}, not a finite number`);
    const below = options.min !== undefined && (options.exclusive ? value <= options.min : value < options.min);
    const above = options.max !== undefined && (options.exclusive ? value >= options.max : value > options.max);
    check(!below && !above, `${full} (${name}) is ${value} ${unit}, outside what is possible: ${options.exclusive ? '(' : '['}${options.min ?? '-inf'}, ${options.max ?? 'inf'}${options.exclusive ? ')' : ']'}`);
    check(!this.figures.some(f => `${f.part}.${f.id}` === full), `${full} measured twice`);
    for (const s of options.samples ?? []) check(Number.isFinite(s), `${full}: a run measured ${s}`);
    this.figures.push({
      part,
      id,
      name,
      value,
      unit,
      ...(options.how ? { how: options.how } : {}),
      ...(options.target ? { target: { ...options.target, met: meets(value, options.target) } } : {}),
      ...(options.samples ? { samples: [...options.samples] } : {}),
    });
    return value;
  }

  results(error?: unknown): BenchResults {
    const missed = this.figures.filter(f => f.target && !f.target.met).map(f => `${f.part}.${f.id}`);
    return {
      date: this.started.toISOString(),
      finished: new Date().toISOString(),
      machine: this.host,
      complete: error === undefined,
      ...(error === undefined ? {} : { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
      figures: this.figures,
      targets: { met: this.figures.filter(f => f.target?.met).length, missed },
      text: this.text,
    };
  }

  /** Prints how many targets were met (naming those missed) and writes the JSON; returns the file's path. */
  write(file: string, error?: unknown): string {
    const results = this.results(error);
    if (error === undefined) {
      const { met, missed } = results.targets;
      this.log(`\ntargets: ${met} met, ${missed.length} missed${missed.length ? `: ${missed.join(', ')}` : ''}`);
    }
    const out = path.resolve(file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ ...results, text: this.text }, null, 2) + '\n');
    this.print(`figures written to ${out}`);
    return out;
  }
}

/** `--json FILE` from argv, else `bench-results/bench-results.json` in the repository (git ignores bench-results/). */
export function jsonPath(argv: readonly string[], root: string): string {
  const at = argv.indexOf('--json');
  if (at >= 0) {
    const file = argv[at + 1];
    if (!file || file.startsWith('--')) throw new Error('--json needs a file name');
    return path.resolve(file);
  }
  return path.join(root, 'bench-results', 'bench-results.json');
}
