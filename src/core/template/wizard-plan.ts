import { blockSpec, blocksFor, type BlockId, type UserCsvKind } from '../catalogue';
import type { TemplateAnswers } from './template';

/**
 * The template wizard as data: which questions to ask, in which order, given the answers so far. The VS Code
 * wizard walks this plan (so Back and the step counter follow from it), and tests check it without a UI.
 */
export type WizardStepId = 'type' | 'folder' | 'populate' | 'columns' | `block:${BlockId}` | `count:${'groups' | 'attributes'}` | 'systems-file';

export interface WizardState {
  type?: UserCsvKind;
  /** Where the file goes (an absolute path or URI string; the shell decides). */
  folder?: string;
  /** Update only: list every existing user's username. */
  populate?: boolean;
  /** Answer every block question, or take every column. */
  preset?: 'choose' | 'all';
  /** Block answers: true (add) or false (skip). */
  blocks: Map<BlockId, boolean>;
  groups?: number;
  attributes?: number;
  /** An API key is set, so the organization can be read (populate, the systems side file). */
  connected?: boolean;
  /** Also write `JCSystems_MM-DD-YYYY.csv` beside the template. */
  systemsFile?: boolean;
}

export function newWizardState(): WizardState {
  return { blocks: new Map() };
}

/** The blocks the wizard asks about for a type, in order. */
function askedBlocks(type: UserCsvKind): BlockId[] {
  return blocksFor(type).filter(b => !blockSpec(b).always);
}

/**
 * The steps of the wizard for the answers given so far. Questions not answered yet assume the usual path (new users,
 * block by block, no counts), so the step counter starts near its final total instead of growing at every answer.
 */
export function wizardPlan(state: WizardState): WizardStepId[] {
  const steps: WizardStepId[] = ['type', 'folder'];
  if (state.type === 'update') steps.push('populate');
  steps.push('columns');
  for (const block of askedBlocks(state.type ?? 'import')) {
    const counted = blockSpec(block).counted !== undefined;
    if (state.preset !== 'all') steps.push(`block:${block}`);
    if (counted && (state.preset === 'all' || state.blocks.get(block) === true)) {
      steps.push(`count:${block as 'groups' | 'attributes'}`);
    }
  }
  // The reference wrote the devices list when device binding was chosen; it needs the organization.
  if (state.connected && (state.preset === 'all' || state.blocks.get('systems') === true)) steps.push('systems-file');
  return steps;
}

/** The template the answers describe (usernames are added by the caller when the user asked for them). */
export function answersFromState(state: WizardState & { type: UserCsvKind }): TemplateAnswers {
  const chosen = new Set([...state.blocks].filter(([, yes]) => yes).map(([b]) => b));
  return {
    type: state.type,
    blocks: state.preset === 'all' ? 'all' : chosen,
    groups: state.groups ?? 0,
    attributes: state.attributes ?? 0,
  };
}
