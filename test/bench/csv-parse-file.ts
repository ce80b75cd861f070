/**
 * The baseline process of `npm run bench`: reads one file and parses it with csv-parse, nothing else, so the CLI's
 * whole-process lint is compared with what any CSV tool on Node must at least do: `node out/test/bench/csv-parse-file.js FILE`.
 */
import * as fs from 'node:fs';
import { parse } from 'csv-parse/sync';

const file = process.argv[2];
if (file) parse(fs.readFileSync(file, 'utf8'), { bom: true, relax_column_count: true });
