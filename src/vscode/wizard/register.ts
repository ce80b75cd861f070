import * as vscode from 'vscode';
import type { Credentials } from '../jumpcloud/credentials';
import type { OrgCache } from '../jumpcloud/org-cache';
import { readOrganizationWithProgress } from '../jumpcloud/register';
import { COMMAND } from '../ids';
import type { Log } from '../log';
import type { StepInput } from './quick-input';
import { runTemplateWizard, type TemplateWizardDeps } from './template-wizard';

export interface WizardDeps {
  readonly log: Log;
  readonly stepInput: StepInput;
  readonly credentials: Credentials;
  readonly orgCache: OrgCache;
  readonly now: () => Date;
  /** "With their current values": the export feature writes the file. */
  readonly exporter: Pick<TemplateWizardDeps, 'exportUsers' | 'exportBlocks'>;
}

/** `JumpCloud: New User CSV Template…`; it writes files, so not in Restricted Mode. */
export function registerWizard({ log, stepInput, credentials, orgCache, now, exporter }: WizardDeps): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND.newTemplate, async () => {
    if (!credentials.trusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Templates are not written in Restricted Mode: trust this workspace to create one.'));
      return undefined;
    }
    return runTemplateWizard({
      input: stepInput,
      log,
      now,
      connected: async () => Boolean(await credentials.apiKey()),
      org: () => Promise.resolve(readOrganizationWithProgress(orgCache)),
      ...exporter,
    });
  });
}
