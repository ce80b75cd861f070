import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
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

  for (const dir of PURE) {
    it(`${dir} never imports vscode`, () => {
      const files = tsFiles(path.join(ROOT, dir));
      if (dir === 'src/core') assert.ok(files.length > 5, 'the core has sources to check');
      const offenders = files.flatMap(f => vscodeImports(f, fs.readFileSync(f, 'utf8')).map(spec => `${path.relative(ROOT, f)} imports ${spec}`));
      assert.deepEqual(offenders, []);
    });
  }
});
