import type { InviteRole } from '../../../shared/roles.js';

/** The side panel's contents: one at a time, switched from the control bar. */
export type PanelId = 'queue' | 'console' | 'interpreters' | 'participants' | 'settings' | 'help';

interface PanelInfo {
  /** The switch's name in the control bar. */
  label: string;
  /** The panel's heading, which names its region. */
  title: string;
}

export const PANELS: Record<PanelId, PanelInfo> = {
  queue: { label: 'Queue', title: 'Queue and floor' },
  console: { label: 'Console', title: 'Captioner console' },
  interpreters: { label: 'Interpreters', title: 'Interpreters' },
  participants: { label: 'Participants', title: 'Participants' },
  settings: { label: 'Settings', title: 'Settings' },
  help: { label: 'Help', title: 'Help' },
};

const EVERYONE: PanelId[] = ['participants', 'settings', 'help'];

/** Each role's panels, its main act first: the panel that is open when the room opens. */
export const ROLE_PANELS: Record<InviteRole, PanelId[]> = {
  moderator: ['queue', 'interpreters', ...EVERYONE],
  captioner: ['console', 'queue', ...EVERYONE],
  speaker: ['queue', ...EVERYONE],
  attendee: ['queue', ...EVERYONE],
  interpreter: ['interpreters', 'queue', ...EVERYONE],
};

/** The id of a panel's element, for aria-controls. */
export const panelElementId = (id: PanelId) => `panel-${id}`;
