/** A list of keyboard shortcuts: the keys, then what they do. */
export function ShortcutList({ list }: { list: readonly (readonly [string, string])[] }) {
  return (
    <dl className="shortcuts">
      {list.map(([keys, what]) => (
        <div key={keys}>
          <dt>
            <kbd>{keys}</kbd>
          </dt>
          <dd>{what}</dd>
        </div>
      ))}
    </dl>
  );
}
