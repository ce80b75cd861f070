import type { TemplateType } from '../catalogue';

/** The template type a file name says, as the wizard and the reference module name files; undefined when it says none. */
export function typeFromFileName(fileName: string): TemplateType | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  if (/^JCUserUpdateImport_.*\.csv$/i.test(base)) return 'update';
  if (/^JCUserImport_.*\.csv$/i.test(base)) return 'import';
  return undefined;
}
