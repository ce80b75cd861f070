import * as vscode from 'vscode';

/** What a step's prompt resolved to: an answer, a step back, or the user leaving the wizard. */
export type StepResult<T> = { kind: 'answer'; value: T } | { kind: 'back' } | { kind: 'cancel' };

/** A step as it is shown; the extension's tests drive the real QuickPick/InputBox through it. */
export interface ShownStep {
  readonly id: string;
  readonly input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;
}

export interface StepFrame {
  readonly id: string;
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
}

export interface PickOptions<T extends vscode.QuickPickItem> extends StepFrame {
  readonly placeholder: string;
  readonly items: readonly T[];
  readonly active?: T;
}

export interface InputOptions extends StepFrame {
  readonly prompt: string;
  readonly value: string;
  readonly validate: (value: string) => string | undefined;
}

/**
 * Shows one QuickPick or InputBox at a time with a step counter and a Back button (the pattern of VS Code's
 * multi-step input sample, written for this wizard's plan-driven loop).
 */
export class StepInput implements vscode.Disposable {
  private readonly shown = new vscode.EventEmitter<ShownStep>();
  /** Fired only when `announceSteps` is set (the extension's own tests): it hands out the live input. */
  readonly onDidShowStep = this.shown.event;

  constructor(private readonly options: { readonly announceSteps: boolean }) {}

  pick<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<StepResult<T>> {
    const pick = vscode.window.createQuickPick<T>();
    this.frame(pick, options);
    pick.placeholder = options.placeholder;
    pick.items = options.items;
    if (options.active) pick.activeItems = [options.active];
    return this.run(pick as unknown as vscode.QuickPick<vscode.QuickPickItem>, options.id, resolve => [
      pick.onDidAccept(() => {
        const [chosen] = pick.selectedItems.length ? pick.selectedItems : pick.activeItems;
        if (chosen) resolve({ kind: 'answer', value: chosen });
      }),
    ]);
  }

  /** A multi-select step: resolves with the checked items (possibly none). */
  pickMany<T extends vscode.QuickPickItem>(options: PickOptions<T> & { readonly selected: readonly T[] }): Promise<StepResult<readonly T[]>> {
    const pick = vscode.window.createQuickPick<T>();
    this.frame(pick, options);
    pick.canSelectMany = true;
    pick.placeholder = options.placeholder;
    pick.items = options.items;
    pick.selectedItems = options.selected;
    return this.run(pick as unknown as vscode.QuickPick<vscode.QuickPickItem>, options.id, resolve => [
      pick.onDidAccept(() => resolve({ kind: 'answer', value: pick.selectedItems })),
    ]);
  }

  input(options: InputOptions): Promise<StepResult<string>> {
    const box = vscode.window.createInputBox();
    this.frame(box, options);
    box.prompt = options.prompt;
    box.value = options.value;
    return this.run(box, options.id, resolve => [
      box.onDidChangeValue(value => {
        box.validationMessage = options.validate(value);
      }),
      box.onDidAccept(() => {
        const problem = options.validate(box.value);
        box.validationMessage = problem;
        if (!problem) resolve({ kind: 'answer', value: box.value });
      }),
    ]);
  }

  dispose(): void {
    this.shown.dispose();
  }

  private frame(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, frame: StepFrame): void {
    input.title = frame.title;
    input.step = frame.step;
    input.totalSteps = frame.totalSteps;
    input.ignoreFocusOut = true;
    input.buttons = frame.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  }

  private run<T, I extends vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox>(
    input: I,
    id: string,
    listen: (resolve: (result: StepResult<T>) => void) => vscode.Disposable[],
  ): Promise<StepResult<T>> {
    return new Promise<StepResult<T>>(resolve => {
      let settled = false;
      const finish = (result: StepResult<T>) => {
        if (settled) return;
        settled = true;
        for (const d of disposables) d.dispose();
        input.dispose();
        resolve(result);
      };
      const disposables = [
        ...listen(finish),
        input.onDidTriggerButton(button => {
          if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
        }),
        input.onDidHide(() => finish({ kind: 'cancel' })),
      ];
      input.show();
      if (this.options.announceSteps) this.shown.fire({ id, input });
    });
  }
}
