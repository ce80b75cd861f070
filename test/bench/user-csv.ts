/** Generates realistic JumpCloud user CSVs for the benchmarks: valid rows with a sprinkling of typical mistakes. */
const HEADER = ['FirstName', 'LastName', 'Username', 'Password', 'Email', 'jobTitle', 'department', 'employeeIdentifier',
  'description', 'mobile_number', 'enable_user_portal_multifactor', 'EnrollmentDays', 'SystemID', 'Administrator', 'Group1'];
const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Margaret', 'Ken'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Backus', 'Hamilton', 'Thompson'];
const DEPT = ['Engineering', 'Sales', 'Research', 'Finance', '"R&D, Labs"'];

/** A CSV of `rows` users (CRLF); every 50th row has a mistake, so the linter has problems to report. */
export function userCsv(rows: number): string {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < rows; i++) {
    const first = FIRST[i % 10];
    const last = LAST[Math.floor(i / 10) % 10];
    const user = `${first}.${last}${i}`.toLowerCase();
    const mistake = i % 50 === 49;
    lines.push([
      first, last, user, '', mistake ? `${user}@example` : `${user}@example.com`, 'Engineer', DEPT[i % 5], `E${100000 + i}`,
      i % 7 === 0 ? '"Joined in 2024; ""core"" team"' : '', '+1 555 0100', i % 3 === 0 ? 'true' : '', i % 3 === 0 ? '14' : '',
      i % 4 === 0 ? (i % 16).toString(16).repeat(24) : '', i % 4 === 0 ? (mistake ? 'yes' : 'false') : '', 'All Users',
    ].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
