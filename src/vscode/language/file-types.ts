import * as vscode from 'vscode';
import type { UserCsvKind } from '../../core/catalogue';
import { typeFromFileName } from '../../core/template';
import { STORAGE_KEY } from '../ids';

const KEY = STORAGE_KEY.fileTypes;

/**
 * Which kind of file (import or update) each CSV is: from its name when the name says, else the user's choice,
 * remembered per workspace.
 */
export class FileTypes implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  /** The type and where it came from; undefined type means only type-neutral checks run. */
  get(uri: vscode.Uri): { type: UserCsvKind | undefined; source: 'name' | 'choice' | 'unknown' } {
    const fromName = typeFromFileName(uri.path);
    if (fromName) return { type: fromName, source: 'name' };
    const chosen = this.memento.get<Record<string, UserCsvKind>>(KEY, {})[uri.toString()];
    return chosen ? { type: chosen, source: 'choice' } : { type: undefined, source: 'unknown' };
  }

  async set(uri: vscode.Uri, type: UserCsvKind): Promise<void> {
    const all = { ...this.memento.get<Record<string, UserCsvKind>>(KEY, {}), [uri.toString()]: type };
    await this.memento.update(KEY, all);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
