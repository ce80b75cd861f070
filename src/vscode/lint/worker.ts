import { parentPort } from 'node:worker_threads';
import { lintLocated } from '../../core/lint';
import type { LintRequest, LintResponse } from './worker-protocol';

/** The lint worker: lints large documents off the extension host's main thread. */
parentPort?.on('message', (request: LintRequest) => {
  let response: LintResponse;
  try {
    response = { id: request.id, result: lintLocated(request.text, request.options) };
  } catch (e) {
    response = { id: request.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(response);
});
