// Rewrites what lists the lint codes from their one source (src/core/lint/codes.ts): the README's rule table, between
// the markers <!-- rules:start --> and <!-- rules:end -->, and the `jumpcloud.lint.rules` settings schema in
// package.json. Run after `tsc -p .`; test/unit/readme.test.ts fails when either is stale.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { LINT_CODES } = createRequire(import.meta.url)(path.join(root, 'out/src/core/lint/code-docs.js'));
const rows = Object.entries(LINT_CODES).map(([code, { severity, doc }]) => `| <a id="${code}"></a>\`${code}\` | ${severity} | ${doc} |`);
const table = ['| Code | Default | What it means |', '| --- | --- | --- |', ...rows].join('\n');
const file = path.join(root, 'README.md');
const readme = fs.readFileSync(file, 'utf8');
const next = readme.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, `<!-- rules:start -->\n${table}\n<!-- rules:end -->`);
if (next === readme && !readme.includes('<!-- rules:start -->')) throw new Error('README has no rules markers');
fs.writeFileSync(file, next);

const manifestFile = path.join(root, 'package.json');
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
manifest.contributes.configuration.properties['jumpcloud.lint.rules'].propertyNames.enum = Object.keys(LINT_CODES);
fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
