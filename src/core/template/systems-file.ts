import type { OrgSnapshot } from '../org';
import { formatCsv } from '../csv/write';
import { TEMPLATE_NEWLINE } from './template';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The reference wizard's side file `JCSystems_MM-DD-YYYY.csv`: every device with the id to copy into SystemID,
 * sorted by hostname (the reference wrote them unsorted and left lastContact blank; this fills it when known).
 */
export function buildSystemsFile(systems: OrgSnapshot['systems'], date: Date): { fileName: string; text: string } {
  const rows = [...systems]
    .sort((a, b) => (a.hostname ?? '').localeCompare(b.hostname ?? '', 'en', { sensitivity: 'base' }))
    .map(s => [s.hostname ?? '', s.displayName ?? '', s.id, s.lastContact ?? '']);
  const stamp = `${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${date.getFullYear()}`;
  return { fileName: `JCSystems_${stamp}.csv`, text: formatCsv([['HostName', 'DisplayName', 'SystemID', 'lastContact'], ...rows], TEMPLATE_NEWLINE) };
}
