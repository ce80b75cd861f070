import type { OrgSnapshot } from '../org';
import { formatSafeCsv } from '../csv/write';
import { systemsFileName } from './file-names';
import { TEMPLATE_NEWLINE } from './template';

/**
 * The reference wizard's side file `JCSystems_MM-DD-YYYY.csv`: every device with the id to copy into SystemID,
 * sorted by hostname (the reference wrote them unsorted and left lastContact blank; this fills it when known).
 */
export function buildSystemsFile(systems: OrgSnapshot['systems'], date: Date): { fileName: string; text: string } {
  const rows = [...systems]
    .sort((a, b) => (a.hostname ?? '').localeCompare(b.hostname ?? '', 'en', { sensitivity: 'base' }))
    .map(s => [s.hostname ?? '', s.displayName ?? '', s.id, s.lastContact ?? '']);
  return { fileName: systemsFileName(date), text: formatSafeCsv([['HostName', 'DisplayName', 'SystemID', 'lastContact'], ...rows], TEMPLATE_NEWLINE) };
}
