import type { GroupStep, ImportPlan, LdapStep, PlannedRow, PlannedUser, SystemStep } from '../../../src/core/import/plan-types';
import type { NewUser, UserChanges } from '../../../src/core/jumpcloud';

/**
 * Builds import plans for the executor's tests by hand, so each test states exactly the steps it sends without a
 * file and an organization to plan them from: rows are numbered as a spreadsheet numbers them, from row 2.
 */
export class PlanBuilder {
  private readonly rows: PlannedRow[] = [];

  private base(username: string) {
    const row = this.rows.length + 2;
    return { row, record: row - 1, username };
  }

  create(user: NewUser, extra: Partial<Pick<PlannedUser, 'ldap' | 'system' | 'groups' | 'managerFromFile'>> = {}): this {
    this.rows.push({ ...this.base(user.username), action: 'create', create: user, fields: [], groups: [], ...extra });
    return this;
  }

  update(username: string, userId: string, update: UserChanges, extra: Partial<Pick<PlannedUser, 'ldap' | 'system' | 'groups' | 'managerFromFile'>> = {}): this {
    this.rows.push({ ...this.base(username), action: Object.keys(update).length || extra.groups?.length || extra.system || extra.ldap ? 'update' : 'unchanged', userId, update, fields: [], groups: [], ...extra });
    return this;
  }

  unchanged(username: string, userId: string): this {
    this.rows.push({ ...this.base(username), action: 'unchanged', userId, fields: [], groups: [] });
    return this;
  }

  skipped(username: string, message: string): this {
    this.rows.push({ ...this.base(username), action: 'skipped', problems: [{ code: 'invalid-email', message }] });
    return this;
  }

  build(kind: ImportPlan['kind'] = 'import'): ImportPlan {
    return { kind, organization: 'Emulated Organization', newUserState: 'ACTIVATED', rows: [...this.rows] };
  }
}

export const plan = () => new PlanBuilder();
export const group = (name: string, groupId: string): GroupStep => ({ name, groupId });
export const device = (systemId: string, sudo?: SystemStep['sudo'], op: SystemStep['op'] = 'add'): SystemStep => ({ systemId, op, ...(sudo ? { sudo } : {}) });
export const ldap = (serverId: string, bindingUser?: boolean, associate = true): LdapStep => ({ serverId, associate, ...(bindingUser === undefined ? {} : { bindingUser }) });
