import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
/** Folders that must run without VS Code: the pure core, the local JumpCloud and the CLI. */
const PURE = ['src/core', 'src/emulator', 'src/cli'];

/** Every module specifier a TypeScript source imports, requires or dynamically imports. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const re = /\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(re)) found.push(m[1] ?? m[2] ?? m[3]);
  return found;
}

/** The imports of `file` that reach VS Code: the `vscode` module or a file under src/vscode. */
export function vscodeImports(file: string, source: string): string[] {
  return importsOf(source).filter(spec => {
    if (spec === 'vscode') return true;
    if (!spec.startsWith('.')) return false;
    const target = path.relative(ROOT, path.resolve(path.dirname(file), spec));
    return target === 'src/vscode' || target.startsWith('src/vscode/');
  });
}

/** The file a relative specifier names: `x.ts`, or `x/index.ts` for a folder; undefined for packages and JSON. */
function resolveRelative(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
}

/** Every import cycle among `files` (type-only imports included), each as the files around it. */
export function importCycles(files: readonly string[], read: (file: string) => string): string[][] {
  const edges = new Map(files.map(f => [f, importsOf(read(f)).flatMap(spec => resolveRelative(f, spec) ?? [])]));
  // Tarjan's strongly connected components: a component of more than one file, or a file importing itself, is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges.get(v)?.includes(v)) cycles.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return cycles;
}

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  it('finds every import form, so the boundary check can fail', () => {
    const file = path.join(ROOT, 'src/core/x.ts');
    const bad = [
      "import * as vscode from 'vscode';",
      "import type { Uri } from \"vscode\";",
      "const v = require('vscode');",
      "export { activate } from '../vscode/extension';",
      "import '../vscode/side-effect';",
      "const m = await import('vscode');",
    ];
    for (const line of bad) assert.equal(vscodeImports(file, line).length, 1, line);
    assert.deepEqual(vscodeImports(file, "import { z } from 'zod';\nimport { readCsv } from './csv';"), []);
  });

  it('src/emulator imports nothing from src/core: it is the test oracle, and sharing code would let both agree on a bug', () => {
    const files = tsFiles(path.join(ROOT, 'src/emulator'));
    assert.ok(files.length > 5, 'the emulator has sources to check');
    const offenders = files.flatMap(f =>
      importsOf(fs.readFileSync(f, 'utf8'))
        .filter(spec => {
          const target = spec.startsWith('.') ? path.relative(ROOT, path.resolve(path.dirname(f), spec)) : '';
          return target === 'src/core' || target.startsWith('src/core/');
        })
        .map(spec => `${path.relative(ROOT, f)} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('finds import cycles, type-only imports included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-cycles-'));
    try {
      const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
      write('a.ts', "import type { B } from './b';");
      write('b.ts', "import { c } from './c';");
      write('c.ts', "export * from './a';");
      write('d.ts', "import { a } from './a';");
      const files = ['a.ts', 'b.ts', 'c.ts', 'd.ts'].map(n => path.join(dir, n));
      assert.deepEqual(importCycles(files, f => fs.readFileSync(f, 'utf8')).map(c => c.map(f => path.basename(f))), [['a.ts', 'b.ts', 'c.ts']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('src/ has no import cycle', () => {
    const files = tsFiles(path.join(ROOT, 'src'));
    const cycles = importCycles(files, f => fs.readFileSync(f, 'utf8')).map(c => c.map(f => path.relative(ROOT, f)).join(' -> '));
    assert.deepEqual(cycles, []);
  });

  for (const dir of PURE) {
    it(`${dir} never imports vscode`, () => {
      const files = tsFiles(path.join(ROOT, dir));
      if (dir === 'src/core') assert.ok(files.length > 5, 'the core has sources to check');
      const offenders = files.flatMap(f => vscodeImports(f, fs.readFileSync(f, 'utf8')).map(spec => `${path.relative(ROOT, f)} imports ${spec}`));
      assert.deepEqual(offenders, []);
    });
  }

  it('writes files in one place: core/files/safe-write.ts (and the journal, an append-only log, and VS Code\'s file system for other schemes)', () => {
    const allowed = new Map([
      ['src/core/files/safe-write.ts', /./],
      ['src/core/import/journal.ts', /fs\.open\(file, 'a'/],
      ['src/vscode/write-file.ts', /workspace\.fs\.writeFile/],
    ]);
    const writes = /\b(?:writeFile|writeFileSync|createWriteStream|appendFile|appendFileSync)\s*\(|\bfs\.open\([^)]*'[wa]/;
    const offenders = tsFiles(path.join(ROOT, 'src')).flatMap(f => {
      const rel = path.relative(ROOT, f);
      return fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter(line => writes.test(line) && !/^\s*(\/\/|\*)/.test(line) && !allowed.get(rel)?.test(line))
        .map(line => `${rel}: ${line.trim()}`);
    });
    assert.deepEqual(offenders, []);
    assert.ok(writes.test("await fs.writeFile(target, text)") && writes.test("fs.open(temp, 'wx')"), 'the check sees a write');
  });
});
