/** The ids the import feature contributes (package.json lists the same; a test holds the two together). */
export const IMPORT_IDS = {
  previewImport: 'jumpcloud.previewImport',
  importUsers: 'jumpcloud.importUsers',
  retryFailed: 'jumpcloud.import.retryFailed',
  copyError: 'jumpcloud.import.copyError',
  exportResults: 'jumpcloud.import.exportResults',
  deleteCreated: 'jumpcloud.import.deleteCreatedUsers',
  clearResults: 'jumpcloud.import.clearResults',
  revealRow: 'jumpcloud.import.revealRow',
  resultsView: 'jumpcloud.importResults',
  previewScheme: 'jumpcloud-import-preview',
  concurrencySetting: 'jumpcloud.import.concurrency',
  newUserStateSetting: 'jumpcloud.import.newUserState',
} as const;
