import * as vscode from 'vscode';
import type { Fix, LocatedProblem, LocatedRange } from '../../core/lint';
import { DIAGNOSTIC_SOURCE, LANGUAGE_ID, RULES_DOC } from '../ids';

/**
 * Lines of a document whose diagnostics share one DiagnosticCollection. VS Code sends a collection's whole list for a
 * document to the workbench on every `set` (about 40 ms for 1000 problems on a busy 2-core machine, on the extension
 * host's main thread): split by lines, an edit within a line re-sends only its block.
 */
const BLOCK_LINES = 1000;

/**
 * The block of a problem. The note that the problem cap was reached has a block of its own: it counts every problem,
 * so it changes with almost every edit, and would otherwise re-send the header's block each time.
 */
function blockOf(p: LocatedProblem): number {
  return p.code === 'too-many-problems' ? 0 : 1 + Math.floor(p.range.start.line / BLOCK_LINES);
}

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

function toRange(r: LocatedRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const spanKey = (r: LocatedRange) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** What identifies a diagnostic for quick fixes (VS Code hands code actions copies of diagnostics, not ours). */
export function diagnosticKey(code: string, range: LocatedRange, message: string): string {
  return `${code}|${spanKey(range)}|${message}`;
}

const samePosition = (a: LocatedRange['start'], b: LocatedRange['start']) => a.line === b.line && a.character === b.character;
const sameRange = (a: LocatedRange, b: LocatedRange) => samePosition(a.start, b.start) && samePosition(a.end, b.end);

/** Whether two problems make the same vscode.Diagnostic (their fixes do not show in it). */
function sameDiagnostic(a: LocatedProblem, b: LocatedProblem): boolean {
  if (a.code !== b.code || a.severity !== b.severity || a.message !== b.message || !sameRange(a.range, b.range)) return false;
  if (!a.related || !b.related) return a.related === b.related;
  return a.related.length === b.related.length && a.related.every((r, i) => r.message === b.related?.[i].message && sameRange(r.range, b.related[i].range));
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

interface Shown {
  readonly problem: LocatedProblem;
  readonly diagnostic: vscode.Diagnostic;
}

/** What one document shows: its diagnostics per block of lines, and per line the problems they were made from. */
interface Published {
  readonly blocks: readonly (readonly vscode.Diagnostic[] | undefined)[];
  /** Keyed by the line a problem starts on, so finding the previous lint's diagnostic allocates nothing. */
  readonly byLine: ReadonlyMap<number, readonly Shown[]>;
}

/**
 * The Problems panel's view of the lint: turns problems into diagnostics at a cost that follows what changed
 * between two lints, not the number of problems. The diagnostics of unchanged problems are reused (no new objects
 * to collect), and only the blocks of lines whose diagnostics changed are sent to VS Code.
 */
export class PublishedDiagnostics implements vscode.Disposable {
  /** Block b's collection (see blockOf); created when a document first has problems in that block. */
  private readonly collections: (vscode.DiagnosticCollection | undefined)[] = [];
  private readonly documents = new Map<string, Published>();
  /** One Uri per lint code (parsing one per diagnostic was a tenth of each lint's time on the main thread). */
  private readonly targets = new Map<string, vscode.Uri>();

  /** Shows a document's problems; returns the fix data of each diagnostic, by diagnosticKey. */
  publish(uri: vscode.Uri, problems: readonly LocatedProblem[]): Map<string, readonly Fix[]> {
    const key = uri.toString();
    const before = this.documents.get(key);
    const byLine = new Map<number, Shown[]>();
    const blocks: vscode.Diagnostic[][] = [];
    const fixes = new Map<string, readonly Fix[]>();
    for (const p of problems) {
      const line = p.range.start.line;
      const reused = before?.byLine.get(line)?.find(s => sameDiagnostic(s.problem, p))?.diagnostic;
      const diagnostic = reused ?? this.toDiagnostic(uri, p);
      const onLine = byLine.get(line);
      if (onLine) onLine.push({ problem: p, diagnostic });
      else byLine.set(line, [{ problem: p, diagnostic }]);
      (blocks[blockOf(p)] ??= []).push(diagnostic);
      if (p.fixes?.length) fixes.set(diagnosticKey(p.code, p.range, p.message), p.fixes);
    }
    const count = Math.max(blocks.length, before?.blocks.length ?? 0);
    for (let b = 0; b < count; b++) {
      const now = blocks[b] ?? [];
      if (sameItems(now, before?.blocks[b] ?? [])) continue;
      if (now.length) this.collection(b).set(uri, now);
      else this.collections[b]?.delete(uri);
    }
    this.documents.set(key, { blocks, byLine });
    return fixes;
  }

  forget(uri: vscode.Uri): void {
    const before = this.documents.get(uri.toString());
    before?.blocks.forEach((diagnostics, b) => diagnostics && this.collections[b]?.delete(uri));
    this.documents.delete(uri.toString());
  }

  dispose(): void {
    for (const c of this.collections) c?.dispose();
    this.documents.clear();
  }

  private collection(block: number): vscode.DiagnosticCollection {
    return (this.collections[block] ??= vscode.languages.createDiagnosticCollection(block ? `${LANGUAGE_ID}#${block}` : LANGUAGE_ID));
  }

  private toDiagnostic(uri: vscode.Uri, p: LocatedProblem): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(p.range), p.message, SEVERITY[p.severity]);
    d.source = DIAGNOSTIC_SOURCE;
    let target = this.targets.get(p.code);
    if (!target) this.targets.set(p.code, (target = vscode.Uri.parse(`${RULES_DOC}#${p.code}`)));
    d.code = { value: p.code, target };
    if (p.related) d.relatedInformation = p.related.map(r => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message));
    return d;
  }
}
