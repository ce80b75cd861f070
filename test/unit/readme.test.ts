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
  // Manifest strings live in package.nls.json (the manifest holds %keys%), as VS Code localises them.
  const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const text = (s: string) => {
    const key = /^%(.+)%$/.exec(s)?.[1];
    if (key === undefined) return s;
    assert.ok(key in nls, `package.nls.json has ${key}`);
    return nls[key];
  };

  it('documents every rule code, with the anchor diagnostics link to (node tools/readme-rules.mjs)', () => {
    for (const [code, { severity, doc }] of Object.entries(LINT_CODES)) {
      assert.ok(readme.includes(`| <a id="${code}"></a>\`${code}\` | ${severity} | ${doc} |`), `${code}: run node tools/readme-rules.mjs`);
    }
  });

  it('lists every code, and only codes, in the jumpcloud.lint.rules settings schema (node tools/readme-rules.mjs)', () => {
    const rules = manifest.contributes.configuration.properties['jumpcloud.lint.rules'] as { propertyNames: { enum: string[] } };
    assert.deepEqual(rules.propertyNames.enum, Object.keys(LINT_CODES));
  });

  it('lists every command and setting', () => {
    for (const c of manifest.contributes.commands) assert.ok(readme.includes(`${text(c.category)}: ${text(c.title)}`), c.title);
    for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${key}\``), key);
  });
});
