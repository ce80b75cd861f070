import { parentPort } from 'node:worker_threads';
import { fixAll, lintLocated } from '../../core/lint';
import { applyChangeEvent, type LintRequest, type LintResponse } from './worker-protocol';

/**
 * The lint worker: lints large documents off the extension host's main thread. It keeps the last text of each
 * document it linted, so later jobs send only the edits (see LintRequest).
 */
function serve(port: NonNullable<typeof parentPort>): void {
  const texts = new Map<string, { version: number; text: string }>();
  port.on('message', (request: LintRequest) => {
    if (request.kind === 'forget') {
      texts.delete(request.key);
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
      let text: string;
      if ('text' in request) text = request.text;
      else {
        const known = texts.get(request.key);
        // The runner tracks what the worker holds; a mismatch means a lost message, so it must send the text again.
        if (known?.version !== request.base) throw new Error(`out of sync: have ${known?.version ?? 'nothing'}, edits are from ${request.base}`);
        text = request.events.reduce((t, e) => applyChangeEvent(t, e.changes), known.text);
      }
      texts.set(request.key, { version: request.version, text });
      response = { id: request.id, result: lintLocated(text, request.options) };
    } catch (e) {
      texts.delete(request.key);
      response = { id: request.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(response);
  });
}

if (parentPort) serve(parentPort);
