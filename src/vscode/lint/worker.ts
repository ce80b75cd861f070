import { parentPort } from 'node:worker_threads';
import { fixAll, IncrementalLint } from '../../core/lint';
import type { LintRequest, LintResponse } from './worker-protocol';

/**
 * The lint worker: lints large documents off the extension host's main thread. It keeps an incremental lint of each
 * document, so later jobs send only the edits and cost what those edits changed (see LintRequest).
 */
function serve(port: NonNullable<typeof parentPort>): void {
  const documents = new Map<string, { version: number; lint: IncrementalLint }>();
  port.on('message', (request: LintRequest) => {
    if (request.kind === 'forget') {
      documents.delete(request.key);
      return;
    }
    if (request.kind === 'fixAll') {
      let answer: LintResponse;
      try {
        answer = { id: request.id, fixed: fixAll(request.text, request.options) };
      } catch (e) {
        answer = { id: request.id, error: e instanceof Error ? e.message : String(e) };
      }
      port.postMessage(answer);
      return;
    }
    let response: LintResponse;
    try {
      let lint: IncrementalLint;
      if ('text' in request) lint = new IncrementalLint(request.text, request.options);
      else {
        const known = documents.get(request.key);
        // The runner tracks what the worker holds; a mismatch means a lost message, so it must send the text again.
        if (known?.version !== request.base) throw new Error(`out of sync: have ${known?.version ?? 'nothing'}, edits are from ${request.base}`);
        lint = known.lint;
        for (const e of request.events) lint.edit(e.changes.map(c => ({ start: c.offset, end: c.offset + c.length, text: c.text })));
        if (request.options) lint = new IncrementalLint(lint.text, request.options);
      }
      documents.set(request.key, { version: request.version, lint });
      response = { id: request.id, result: lint.result() };
    } catch (e) {
      documents.delete(request.key);
      response = { id: request.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(response);
  });
}

if (parentPort) serve(parentPort);
