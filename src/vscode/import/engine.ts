import * as path from 'node:path';

/** The import and export engine (src/core/engine.ts), bundled on its own as dist/engine.js. */
export type ImportEngine = typeof import('../../core/engine');

/**
 * Loads the engine the first time it is needed, as vscode-eslint loads its server: opening a CSV does not pay for the
 * import and export code. One loader per activation (made in `activate()`), so no module holds state.
 */
export function importEngineLoader(extensionPath: string): () => ImportEngine {
  let engine: ImportEngine | undefined;
  return () => {
    // A path known only at run time: esbuild leaves this require alone instead of bundling the engine in.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    engine ??= require(path.join(extensionPath, 'dist', 'engine.js')) as ImportEngine;
    return engine;
  };
}
