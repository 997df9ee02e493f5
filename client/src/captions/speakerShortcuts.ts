// Speaker identification without leaving the keyboard (issue 15): CART writers mark who speaks as
// they write, so the console sets the speaker of the lines that follow by shortcut.

export const SPEAKER_SHORTCUTS = [
  ['Alt+P', 'Speaker: whoever has the floor (the default)'],
  ['Alt+M', 'Speaker: the moderator'],
  ['Alt+V', 'Speaker: the interpreter, voicing whoever has the floor'],
  ['Alt+U', 'Speaker: Unidentified'],
] as const;

/** The label of lines whose speaker the captioner cannot name. */
export const UNIDENTIFIED = 'Unidentified';

/** Who is in the room for the shortcuts to name; null for nobody. */
export interface SpeakerCandidates {
  floor: string | null;
  moderator: string | null;
  interpreter: string | null;
}

/**
 * The speaker a shortcut sets: '' to follow the floor again (the server names the holder), a name,
 * or undefined when `code` is not a speaker shortcut or nobody is there to name (no moderator, no
 * interpreter), so the key does nothing.
 */
export function speakerFromShortcut(code: string, who: SpeakerCandidates): string | undefined {
  switch (code) {
    case 'KeyP':
      return '';
    case 'KeyM':
      return who.moderator ?? undefined;
    case 'KeyV':
      // As the transcript says it of a Deaf speaker voiced by the active interpreter.
      if (!who.interpreter) return undefined;
      return who.floor ? `${who.floor} (voiced by ${who.interpreter})` : who.interpreter;
    case 'KeyU':
      return UNIDENTIFIED;
    default:
      return undefined;
  }
}
