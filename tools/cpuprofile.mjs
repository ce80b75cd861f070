// What blocked a thread, from a V8 .cpuprofile (e.g. `npm run bench -- --cpu-prof DIR`, or node --cpu-prof):
//   node tools/cpuprofile.mjs FILE [N]
// prints the N (default 5) longest stretches without an idle sample, each with the self time of the functions that
// ran in it and the inclusive time of the frames on their stacks, so a stall can be traced to the code that caused it.
import fs from 'node:fs';

const [file, n = '5'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/cpuprofile.mjs FILE.cpuprofile [N]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map(node => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const name = id => {
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  return `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
};

const times = [];
let t = profile.startTime;
for (const delta of profile.timeDeltas) times.push((t += delta));
const idle = i => nodes.get(profile.samples[i]).callFrame.functionName === '(idle)';
const stretches = [];
for (let i = 0, start = -1; i <= profile.samples.length; i++) {
  const busy = i < profile.samples.length && !idle(i);
  if (busy && start < 0) start = i;
  if (!busy && start >= 0) {
    stretches.push({ start, end: i, ms: (times[Math.min(i, times.length - 1)] - times[start]) / 1000 });
    start = -1;
  }
}

const top = (map, count) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n');
for (const { start, end, ms } of stretches.sort((a, b) => b.ms - a.ms).slice(0, Number(n))) {
  const self = new Map();
  const inclusive = new Map();
  for (let i = start; i < end; i++) {
    const dt = ((times[i + 1] ?? times[i]) - times[i]) / 1000;
    const leaf = name(profile.samples[i]);
    self.set(leaf, (self.get(leaf) ?? 0) + dt);
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const frame = name(id);
      if (!seen.has(frame)) inclusive.set(frame, (inclusive.get(frame) ?? 0) + dt);
      seen.add(frame);
    }
  }
  console.log(`\nbusy ${ms.toFixed(1)} ms from ${((times[start] - profile.startTime) / 1000).toFixed(0)} ms\n self:\n${top(self, 10)}\n inclusive:\n${top(inclusive, 25)}`);
}
