// Rewrites the README's rule table from the catalogue of lint codes (src/core/lint/codes.ts), between the markers
// <!-- rules:start --> and <!-- rules:end -->. Run after `tsc -p .`; test/unit/readme.test.ts fails when it is stale.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { LINT_CODES } = createRequire(import.meta.url)(path.join(root, 'out/src/core/lint/codes.js'));
const rows = Object.entries(LINT_CODES).map(([code, { severity, doc }]) => `| <a id="${code}"></a>\`${code}\` | ${severity} | ${doc} |`);
const table = ['| Code | Default | What it means |', '| --- | --- | --- |', ...rows].join('\n');
const file = path.join(root, 'README.md');
const readme = fs.readFileSync(file, 'utf8');
const next = readme.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, `<!-- rules:start -->\n${table}\n<!-- rules:end -->`);
if (next === readme && !readme.includes('<!-- rules:start -->')) throw new Error('README has no rules markers');
fs.writeFileSync(file, next);
