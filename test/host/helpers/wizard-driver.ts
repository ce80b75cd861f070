import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/extension';
import type { ShownStep } from '../../../src/vscode/wizard/quick-input';

/**
 * The extension host sends changes to a visible QuickInput on its next timer tick (it batches them); a timer queued
 * now runs right after that send, so a command issued then reaches the workbench after the change. This yields one
 * tick; it does not wait for anything to happen.
 */
export function flushQuickInput(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 0));
}

export const EXTENSION_ID = 'jumpcloud-csv.jumpcloud-csv';

export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  return ext.activate();
}

/**
 * Drives the real wizard UI: waits for each step the extension shows, moves the QuickPick's selection with the
 * same commands the keyboard uses, and accepts it. Steps arrive through the extension's onDidShowWizardStep event.
 */
export class WizardDriver implements vscode.Disposable {
  private readonly queue: ShownStep[] = [];
  private waiting: ((step: ShownStep) => void) | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(api: ExtensionApi) {
    this.subscription = api.onDidShowWizardStep(step => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(step);
      } else this.queue.push(step);
    });
  }

  next(expectedId: string): Promise<ShownStep> {
    const check = (step: ShownStep) => {
      if (step.id !== expectedId) throw new Error(`expected wizard step ${expectedId}, got ${step.id}`);
      return step;
    };
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(check(queued));
    // A guard, not a wait: it turns a step that never comes into a failure that names it.
    return new Promise<ShownStep>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`wizard step ${expectedId} was not shown`)), 10_000);
      this.waiting = step => {
        clearTimeout(guard);
        resolve(step);
      };
    }).then(check);
  }

  /** Chooses the item whose label contains `label` in step `id`. */
  async choose(id: string, label: string): Promise<ShownStep> {
    return this.pickIn(await this.next(id), label);
  }

  /** Chooses the item whose label contains `label` in a step already shown. */
  async pickIn(step: ShownStep, label: string): Promise<ShownStep> {
    const pick = step.input as vscode.QuickPick<vscode.QuickPickItem>;
    const choosable = pick.items.filter(i => i.kind !== vscode.QuickPickItemKind.Separator);
    const target = choosable.findIndex(i => i.label.includes(label));
    if (target < 0) throw new Error(`step ${step.id} has no item "${label}": ${choosable.map(i => i.label).join(' | ')}`);
    const active = Math.max(0, choosable.indexOf(pick.activeItems[0]));
    const command = target > active ? 'workbench.action.quickOpenSelectNext' : 'workbench.action.quickOpenSelectPrevious';
    for (let i = 0; i < Math.abs(target - active); i++) await vscode.commands.executeCommand(command);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return step;
  }

  /** Types `text` into the InputBox of step `id` and accepts it. */
  async enter(id: string, text: string): Promise<ShownStep> {
    const step = await this.next(id);
    return this.retype(step, text);
  }

  /** Replaces the text of an InputBox step still shown (after a rejected value) and accepts it. */
  async retype(step: ShownStep, text: string): Promise<ShownStep> {
    (step.input as vscode.InputBox).value = text;
    await flushQuickInput();
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return step;
  }

  /** Presses the step's Back button. */
  async back(id: string): Promise<void> {
    await this.next(id);
    await vscode.commands.executeCommand('workbench.action.quickInputBack');
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
