/**
 * Every id the extension shares with its manifest (package.json) or with VS Code: commands, language and status
 * items, settings, storage keys. Nothing else in src/ spells one out; test/unit/manifest.test.ts checks these against
 * package.json and that no other file writes one. This module imports nothing, so unit tests can read it without
 * VS Code.
 */

/** The language of JumpCloud user CSVs (contributes.languages). */
export const LANGUAGE_ID = 'jumpcloud-csv';

/** `source` of every diagnostic, and what code actions look for. */
export const DIAGNOSTIC_SOURCE = 'JumpCloud';

/** Where each lint code is documented; a diagnostic links to `#<code>`. */
export const RULES_DOC = 'https://github.com/jumpcloud-csv/jumpcloud-csv/blob/main/README.md';

/** contributes.commands */
export const COMMAND = {
  newTemplate: 'jumpcloud.newTemplate',
  treatAsUserCsv: 'jumpcloud.treatAsUserCsv',
  setFileType: 'jumpcloud.setFileType',
  setApiKey: 'jumpcloud.setApiKey',
  signOut: 'jumpcloud.signOut',
  testConnection: 'jumpcloud.testConnection',
  refreshOrganization: 'jumpcloud.refreshOrganization',
  previewImport: 'jumpcloud.previewImport',
  importUsers: 'jumpcloud.importUsers',
  exportUsers: 'jumpcloud.exportUsers',
  retryFailed: 'jumpcloud.import.retryFailed',
  copyError: 'jumpcloud.import.copyError',
  exportResults: 'jumpcloud.import.exportResults',
  deleteCreated: 'jumpcloud.import.deleteCreatedUsers',
  clearResults: 'jumpcloud.import.clearResults',
  revealRow: 'jumpcloud.import.revealRow',
} as const;

/** contributes.viewsContainers and contributes.views */
export const VIEW = {
  container: 'jumpcloud',
  importResults: 'jumpcloud.importResults',
} as const;

/**
 * The results tree's `contextValue`s, which the manifest's item menus match (`viewItem =~ /^jumpcloudImportRun.*Retry/`,
 * `/Error$/`): a run, with `Retry` when it has failed or cancelled users and `Created` when it created some; a user
 * or a step, with `Error` when it carries one.
 */
export const TREE_ITEM = {
  run: 'jumpcloudImportRun',
  user: 'jumpcloudImportUser',
  step: 'jumpcloudImportStep',
  retry: 'Retry',
  created: 'Created',
  error: 'Error',
} as const;

export function runItemContext(flags: { readonly retry: boolean; readonly created: boolean }): string {
  return `${TREE_ITEM.run}${flags.retry ? TREE_ITEM.retry : ''}${flags.created ? TREE_ITEM.created : ''}`;
}

export function userOrStepItemContext(kind: 'user' | 'step', hasError: boolean): string {
  return `${TREE_ITEM[kind]}${hasError ? TREE_ITEM.error : ''}`;
}

/** Context keys the manifest's `when` clauses read. */
export const CONTEXT_KEY = {
  hasApiKey: 'jumpcloud.hasApiKey',
} as const;

/** The scheme of the read-only import preview documents. */
export const PREVIEW_SCHEME = 'jumpcloud-import-preview';

/** Language status items. */
export const STATUS_ITEM = {
  organization: 'jumpcloud.organization',
  fileType: 'jumpcloud.fileType',
} as const;

/** The settings section, and each setting's full id (contributes.configuration). */
export const SETTINGS_SECTION = 'jumpcloud';
export const SETTING = {
  lintRules: 'jumpcloud.lint.rules',
  lintMaxProblems: 'jumpcloud.lint.maxProblems',
  lintCheckOrganization: 'jumpcloud.lint.checkOrganization',
  detectUserCsv: 'jumpcloud.detectUserCsv',
  region: 'jumpcloud.region',
  orgId: 'jumpcloud.orgId',
  apiBaseUrl: 'jumpcloud.apiBaseUrl',
  importConcurrency: 'jumpcloud.import.concurrency',
  importNewUserState: 'jumpcloud.import.newUserState',
} as const;
/** Every lint setting starts with this: a change to any of them lints again. */
export const LINT_SETTINGS_PREFIX = 'jumpcloud.lint';

/** Where the key and per-file choices are stored (SecretStorage and workspace state). */
export const STORAGE_KEY = {
  apiKey: 'jumpcloud.apiKey',
  fileTypes: 'jumpcloud.fileTypes',
} as const;

/** The output channel's name. */
export const OUTPUT_CHANNEL = 'JumpCloud';
