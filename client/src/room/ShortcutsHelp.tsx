/** The room's keyboard shortcuts, listed where people look for help. */
export function ShortcutsHelp({ isModerator }: { isModerator: boolean }) {
  return (
    <details className="settings">
      <summary>Keyboard shortcuts</summary>
      <dl className="shortcuts">
        <dt>
          <kbd>Alt</kbd> + <kbd>Y</kbd>
        </dt>
        <dd>Raise or lower your hand</dd>
        {isModerator && (
          <>
            <dt>
              <kbd>Alt</kbd> + <kbd>N</kbd>
            </dt>
            <dd>Give the floor to the next person in the queue</dd>
          </>
        )}
        <dt>
          <kbd>Tab</kbd>
        </dt>
        <dd>Move between controls; every act in the room is a button</dd>
      </dl>
    </details>
  );
}
