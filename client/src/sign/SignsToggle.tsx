interface SignsToggleProps {
  name: string;
  participantId: string;
  signs: boolean;
  onMark: (participantId: string, signs: boolean) => void;
}

/**
 * A moderator's switch for whether a person signs (ASL), on their queue entry or their turn
 * (policy A40): pressed, the interpreter voices them when they have the floor (queue rule Q18).
 */
export function SignsToggle({ name, participantId, signs, onMark }: SignsToggleProps) {
  return (
    <button
      type="button"
      className="button"
      aria-pressed={signs}
      onClick={() => onMark(participantId, !signs)}
    >
      {name} signs (ASL)
    </button>
  );
}
