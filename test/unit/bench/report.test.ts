import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BenchReport, ImpossibleFigure, jsonPath, median, ratio, type BenchResults } from '../../bench/report';

describe('bench report', () => {
  const quiet = () => new BenchReport(() => {});

  it('refuses a figure that is not a number or outside what is possible', () => {
    const report = quiet();
    assert.throws(() => report.figure('import', 'speedup', 'speed-up', NaN, 'x'), ImpossibleFigure);
    assert.throws(() => report.figure('import', 'share', 'share', Infinity, '%'), ImpossibleFigure);
    assert.throws(() => report.figure('import', 'requests', 'requests', 4999, 'requests', { min: 5000 }), /outside what is possible/);
    assert.throws(() => report.figure('import', 'time', 'time', 0, 's', { min: 0, exclusive: true }), ImpossibleFigure);
    assert.throws(() => report.figure('import', 'rate', 'rate', 51, 'requests/s', { max: 50.5 }), ImpossibleFigure);
    assert.equal(report.figure('import', 'rate', 'rate', 46, 'requests/s', { max: 50.5 }), 46);
    assert.throws(() => report.figure('import', 'rate', 'rate', 46, 'requests/s'), /measured twice/);
    assert.throws(() => report.figure('memory', 'peak', 'peak', 1, 'MiB', { samples: [1, NaN] }), ImpossibleFigure);
    assert.throws(() => ratio(1, 0, 'a ratio'), ImpossibleFigure);
    assert.throws(() => ratio(0, 0, 'a ratio'), ImpossibleFigure);
    assert.equal(ratio(3, 2, 'a ratio'), 1.5);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    assert.throws(() => median([]), ImpossibleFigure);
  });

  it('writes every figure with its unit and target, the date, the machine and the text printed', () => {
    const printed: string[] = [];
    const report = new BenchReport(line => printed.push(line));
    report.log('\nimport:');
    report.figure('import', 'speedup', 'speed-up', 12.5, 'x', { how: 'two wall times', target: { op: '>=', bound: 10 } });
    report.figure('memory', 'dryRun.ratio', 'dry run ÷ lint', 2.6, 'x', { target: { op: '<=', bound: 2 }, samples: [2.5, 2.6, 2.7] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-report-'));
    try {
      const file = report.write(path.join(dir, 'out', 'bench.json'));
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
      assert.equal(json.complete, true);
      assert.ok(!Number.isNaN(Date.parse(json.date)));
      assert.equal(json.machine.node, process.version);
      assert.ok(json.machine.cores > 0 && json.machine.memoryBytes > 0 && json.machine.cpu.length > 0);
      assert.deepEqual(json.figures[0], { part: 'import', id: 'speedup', name: 'speed-up', value: 12.5, unit: 'x', how: 'two wall times', target: { op: '>=', bound: 10, met: true } });
      assert.deepEqual(json.figures[1].target, { op: '<=', bound: 2, met: false });
      assert.deepEqual(json.targets, { met: 1, missed: ['memory.dryRun.ratio'] });
      assert.deepEqual(json.text, ['', 'import:', '', 'targets: 1 met, 1 missed: memory.dryRun.ratio']);
      assert.ok(printed.includes('\ntargets: 1 met, 1 missed: memory.dryRun.ratio'));

      const failed = quiet();
      failed.figure('import', 'requests', 'requests', 5000, 'requests');
      const partial = JSON.parse(fs.readFileSync(failed.write(path.join(dir, 'failed.json'), new ImpossibleFigure('5 requests answered')), 'utf8')) as BenchResults;
      assert.equal(partial.complete, false);
      assert.equal(partial.error, 'ImpossibleFigure: 5 requests answered');
      assert.equal(partial.figures.length, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes to --json FILE, else bench-results/bench-results.json in the repository', () => {
    assert.equal(jsonPath(['node', 'bench.mjs'], '/repo'), path.join('/repo', 'bench-results', 'bench-results.json'));
    assert.equal(jsonPath(['node', 'bench.mjs', '--json', 'x.json'], '/repo'), path.resolve('x.json'));
    assert.throws(() => jsonPath(['node', 'bench.mjs', '--json'], '/repo'), /needs a file/);
  });
});
