import type * as vscode from 'vscode';

/** The one bridge from VS Code's cancellation (a progress notification's Cancel) to the core's AbortSignal. */
export function abortSignalOf(token: vscode.CancellationToken): AbortSignal {
  const abort = new AbortController();
  if (token.isCancellationRequested) abort.abort();
  else token.onCancellationRequested(() => abort.abort());
  return abort.signal;
}
