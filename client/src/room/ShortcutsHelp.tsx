import { isAudience, type InviteRole } from '../../../shared/roles.js';
import { CONSOLE_SHORTCUTS } from '../captions/CaptionConsole';
import { ShortcutList } from '../lib/ShortcutList';

const ROOM_SHORTCUTS = {
  hand: ['Alt+Y', 'Raise or lower your hand'],
  next: ['Alt+N', 'Give the floor to the next person in the queue'],
  tab: ['Tab', 'Move between controls; every act in the room is a button'],
} as const;

/** The keyboard shortcuts of one's role, listed in the Help panel where people look for them. */
export function ShortcutsHelp({ role }: { role: InviteRole }) {
  const room = [
    ...(isAudience(role) ? [ROOM_SHORTCUTS.hand] : []),
    ...(role === 'moderator' ? [ROOM_SHORTCUTS.next] : []),
    ROOM_SHORTCUTS.tab,
  ];
  return (
    <>
      <h3>Keyboard shortcuts</h3>
      <ShortcutList list={room} />
      {role === 'captioner' && (
        <>
          <h3>In the captioner console</h3>
          <ShortcutList list={CONSOLE_SHORTCUTS} />
        </>
      )}
    </>
  );
}
