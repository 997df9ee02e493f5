import { CONSOLE_SHORTCUTS } from '../captions/CaptionConsole';
import { ShortcutList } from '../lib/ShortcutList';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from './PageLayout';

const ROOM_SHORTCUTS = [
  ['Alt+Y', 'Raise or lower your hand'],
  ['Alt+N', 'Moderators: give the floor to the next person in the queue'],
] as const;

/** /accessibility: what OpenFloor aims to meet, how to use it by keyboard, and how to get help. */
export function AccessibilityPage() {
  useDocumentTitle('Accessibility');
  return (
    <PageLayout>
      <h1>Accessibility</h1>
      <p>
        OpenFloor is built for the people other meeting tools leave out. It aims to meet the Web Content
        Accessibility Guidelines (WCAG) 2.2 at level AA. Every page is checked in a real browser with axe-core
        for the WCAG 2.2 A and AA rules on every change, and every main task is tested with the keyboard
        alone.
      </p>
      <h2>In the room</h2>
      <ul>
        <li>
          The ASL interpreter is always on the stage beside whoever has the floor; you can enlarge the
          interpreter and swap the sides.
        </li>
        <li>
          Live captions are written by a human captioner and appear word by word. You choose their size (up to
          400%), font (including Atkinson Hyperlegible), colours, number of lines and position, and can open
          them alone in a page of their own for a second screen.
        </li>
        <li>
          Screen readers hear each finished caption line once; you can turn that off if you read the captions
          on a braille display. Queue position, floor changes, time warnings and connection problems are
          announced once.
        </li>
        <li>Transcripts can be downloaded as plain text, WebVTT and SRT during and after the session.</li>
      </ul>
      <h2>Keyboard shortcuts</h2>
      <h3>Room</h3>
      <ShortcutList list={ROOM_SHORTCUTS} />
      <h3>Captioner console</h3>
      <ShortcutList list={CONSOLE_SHORTCUTS} />
      <p>Everything else is a button, link or form field reachable with Tab.</p>
      <h2>Getting help</h2>
      <p>
        If something stops you from taking part, tell the session&apos;s organizer: the contact is in your
        invitation or registration email. You can ask for accommodations (ASL, captions in another language,
        anything else) when you register.
      </p>
    </PageLayout>
  );
}
