import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINT_CODES } from '../../src/core/lint';

const ROOT = path.resolve(__dirname, '../../..');

describe('README', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { commands: { title: string; category: string }[]; configuration: { properties: Record<string, unknown> } };
  };

  it('documents every rule code, with the anchor diagnostics link to (node tools/readme-rules.mjs)', () => {
    for (const [code, { severity, doc }] of Object.entries(LINT_CODES)) {
      assert.ok(readme.includes(`| <a id="${code}"></a>\`${code}\` | ${severity} | ${doc} |`), `${code}: run node tools/readme-rules.mjs`);
    }
  });

  it('lists every command and setting', () => {
    for (const c of manifest.contributes.commands) assert.ok(readme.includes(`${c.category}: ${c.title}`), c.title);
    for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${key}\``), key);
  });
});
