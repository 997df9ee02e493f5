// The media bench's runs (see media.ts): the app's joins and floors, each beside its bare baseline,
// interleaved so that the machine's noise falls on both alike.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tests/support/browser.js';
import { startAppProcess, type AppProcess } from '../../tests/support/appProcess.js';
import {
  bareConnect,
  bareConnectToFrame,
  bareFrameAt,
  barePublish,
  bareToken,
  bareWatch,
  openBarePage,
  serveBarePages,
  type BarePages,
} from './mediaBaseline.js';
import { frameSeen, installProbe, marksOf, watchFirstFrame, type Mark } from './mediaProbe.js';
import { printTimeline, type Timeline } from './mediaTimeline.js';
import { percentile, reportFigures, type Figure } from './report.js';

const LIVEKIT_URL = 'ws://127.0.0.1:7880';
const TARGET_MS = 1500;
/** A person reads the pre-join page before clicking: the click comes this long after it shows. */
const PREJOIN_DWELL_MS = 1000;
/** A speaker waits in the queue at least this long before the moderator gives the floor. */
const QUEUE_WAIT_MS = 2000;

interface Person {
  id: string;
  name: string;
  url: string;
}

async function invite(
  app: AppProcess,
  sessionId: string,
  role: 'moderator' | 'interpreter' | 'attendee' | 'speaker',
  name: string,
): Promise<Person> {
  const link = await app.invite(sessionId, role, name);
  return { id: link.id, name, url: link.url };
}

async function openPrejoin(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await installProbe(context);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Join room' }).waitFor();
  return page;
}

async function joinRoom(browser: Browser, url: string): Promise<Page> {
  const page = await openPrejoin(browser, url);
  await page.getByRole('button', { name: 'Join room' }).click();
  await page.getByRole('region', { name: 'Stage' }).waitFor();
  return page;
}

/**
 * Marks of several pages on one clock, each named by whose page it is, in ms from `from`: for each
 * mark its first time after `from`, or, when it did not happen again, its last time before.
 */
async function timelineOf(pages: Record<string, Page>, from: number, until: number): Promise<Mark[]> {
  const all: Mark[] = [];
  for (const [who, page] of Object.entries(pages)) {
    const kept = new Map<string, number>();
    for (const [name, at] of await marksOf(page)) {
      if (at < from - 10_000 || at > until) continue;
      const before = kept.get(name);
      if (before === undefined || before < from) kept.set(name, at);
    }
    for (const [name, at] of kept) all.push([`${who}: ${name}`, at - from]);
  }
  return all;
}

async function appJoin(browser: Browser, app: AppProcess, sessionId: string, interpreter: Person, n: number) {
  const viewer = await invite(app, sessionId, 'attendee', `Viewer ${n}`);
  const page = await openPrejoin(browser, viewer.url);
  await page.waitForTimeout(PREJOIN_DWELL_MS);
  const label = `ASL interpreter: ${interpreter.name}`;
  await watchFirstFrame(page, label);
  await page.getByRole('button', { name: 'Join room' }).click();
  const frame = await frameSeen(page);
  const marks = await marksOf(page);
  const click = marks.find(([name]) => name === 'click Join room')![1];
  const timeline = await timelineOf({ attendee: page }, click, frame);
  await page.context().close();
  return {
    ms: frame - click,
    timeline: [...timeline, ['attendee: interpreter frame on stage', frame - click] as Mark],
  };
}

async function bareJoin(
  browser: Browser,
  bare: BarePages,
  app: AppProcess,
  sessionId: string,
  interpreter: Person,
  n: number,
) {
  const viewer = await invite(app, sessionId, 'attendee', `Bare viewer ${n}`);
  const token = await bareToken(sessionId, { ...viewer, role: 'attendee' }, false);
  const page = await openBarePage(browser, bare);
  await page.waitForTimeout(PREJOIN_DWELL_MS);
  const timeline = await bareConnectToFrame(page, LIVEKIT_URL, token, interpreter.id);
  await page.context().close();
  return { ms: timeline.at(-1)![1], timeline };
}

/**
 * The speaker answers "Start speaking" the moment the question shows (a click from the page, in
 * the frame it appears), so the figure is the system's time and not a person's or Playwright's.
 */
async function answerAtOnce(page: Page): Promise<void> {
  await page.evaluate(() => {
    const answer = () => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('dialog[open] button')].find(
        (b) => b.textContent?.trim() === 'Start speaking',
      );
      if (button) button.click();
      else requestAnimationFrame(answer);
    };
    answer();
  });
}

interface FloorScene {
  moderator: Page;
  viewer: Page;
  moderatorName: string;
}

async function appFloor(browser: Browser, app: AppProcess, sessionId: string, scene: FloorScene, n: number) {
  const speaker = await invite(app, sessionId, 'speaker', `Speaker ${n}`);
  const page = await joinRoom(browser, speaker.url);
  await page.getByRole('button', { name: 'Raise hand' }).click();
  const give = scene.moderator.getByRole('button', { name: `Give floor to ${speaker.name}` });
  await give.waitFor();
  await page.waitForTimeout(QUEUE_WAIT_MS);
  await watchFirstFrame(scene.viewer, `Speaker: ${speaker.name}`);
  await answerAtOnce(page);
  await give.click();
  const frame = await frameSeen(scene.viewer);
  const click = (await marksOf(scene.moderator)).findLast(
    ([name]) => name === `click Give floor to ${speaker.name}`,
  )![1];
  const pages = { moderator: scene.moderator, speaker: page, viewer: scene.viewer };
  const timeline = (await timelineOf(pages, click, frame)).map(([name, at]): Mark => [
    name.replaceAll(speaker.name, 'the speaker'),
    at,
  ]);
  await scene.moderator.getByRole('button', { name: 'End turn' }).click();
  await scene.viewer.getByRole('figure', { name: `Moderator: ${scene.moderatorName}` }).waitFor();
  await page.context().close();
  return {
    ms: frame - click,
    timeline: [...timeline, ['viewer: speaker frame on stage', frame - click] as Mark],
  };
}

async function bareFloor(
  browser: Browser,
  bare: BarePages,
  app: AppProcess,
  sessionId: string,
  subscriber: Page,
  n: number,
) {
  const publisher = await invite(app, sessionId, 'moderator', `Bare publisher ${n}`);
  const page = await openBarePage(browser, bare);
  await bareConnect(page, LIVEKIT_URL, await bareToken(sessionId, { ...publisher, role: 'moderator' }, true));
  await page.waitForTimeout(QUEUE_WAIT_MS);
  await bareWatch(subscriber, publisher.id);
  const started = await barePublish(page);
  const frame = await bareFrameAt(subscriber);
  await page.context().close();
  return frame - started;
}

function figuresOf(metric: string, app: number[], bare: number[]): Figure[] {
  return [50, 95, 100].map((p) => {
    const value = percentile(app, p);
    const name = p === 100 ? 'max' : `p${p}`;
    const held = p === 95;
    return {
      metric: `${metric} ${name}`,
      value,
      unit: 'ms',
      baseline: percentile(bare, p),
      ...(held ? { target: `≤ ${TARGET_MS}`, met: value <= TARGET_MS } : {}),
    };
  });
}

export async function runMediaBench({ joins, floors }: { joins: number; floors: number }) {
  const app = await startAppProcess(3000);
  const browser = await launchChromium();
  const bare = await serveBarePages();
  try {
    const session = (await app.createSession('Media bench')).id;
    const moderator = await invite(app, session, 'moderator', 'Morgan Lee');
    const interpreter = await invite(app, session, 'interpreter', 'Ana Ruiz');
    const moderatorPage = await joinRoom(browser, moderator.url);
    await joinRoom(browser, interpreter.url);
    await watchFirstFrame(moderatorPage, `ASL interpreter: ${interpreter.name}`);
    await frameSeen(moderatorPage);

    const joinApp: number[] = [];
    const joinBare: number[] = [];
    const joinTimelines: Timeline[] = [];
    const bareTimelines: Timeline[] = [];
    for (let n = 1; n <= joins; n++) {
      // Alternate which goes first, so neither always follows a closing page.
      const runApp = async () => {
        const r = await appJoin(browser, app, session, interpreter, n);
        joinApp.push(r.ms);
        joinTimelines.push(r.timeline);
      };
      const runBare = async () => {
        const r = await bareJoin(browser, bare, app, session, interpreter, n);
        joinBare.push(r.ms);
        bareTimelines.push(r.timeline);
      };
      if (n % 2) await runApp().then(runBare);
      else await runBare().then(runApp);
      process.stderr.write(
        `join ${n}/${joins}: app ${joinApp.at(-1)!.toFixed(0)} ms, bare ${joinBare.at(-1)!.toFixed(0)} ms\n`,
      );
    }

    const viewerPerson = await invite(app, session, 'attendee', 'Vera Stage');
    const scene: FloorScene = {
      moderator: moderatorPage,
      viewer: await joinRoom(browser, viewerPerson.url),
      moderatorName: moderator.name,
    };
    // In the same media room, so the bare subscriber receives the moderator and the interpreter
    // as the app's viewer does (LiveKit's webhook keeps both: their identities are invites).
    const bareViewer = await invite(app, session, 'attendee', 'Bare subscriber');
    const subscriber = await openBarePage(browser, bare);
    await bareConnect(
      subscriber,
      LIVEKIT_URL,
      await bareToken(session, { ...bareViewer, role: 'attendee' }, false),
    );
    const floorApp: number[] = [];
    const floorBare: number[] = [];
    const floorTimelines: Timeline[] = [];
    for (let n = 1; n <= floors; n++) {
      const runApp = async () => {
        const r = await appFloor(browser, app, session, scene, n);
        floorApp.push(r.ms);
        floorTimelines.push(r.timeline);
      };
      const runBare = async () =>
        void floorBare.push(await bareFloor(browser, bare, app, session, subscriber, n));
      if (n % 2) await runApp().then(runBare);
      else await runBare().then(runApp);
      process.stderr.write(
        `floor ${n}/${floors}: app ${floorApp.at(-1)!.toFixed(0)} ms, bare ${floorBare.at(-1)!.toFixed(0)} ms\n`,
      );
    }

    printTimeline(
      'Join click → interpreter frame: where the time goes (median ms from the click)',
      joinTimelines,
    );
    printTimeline(
      '"Give floor" click → speaker frame: where the time goes (median ms from the click)',
      floorTimelines,
    );
    reportFigures({
      bench: 'media',
      size: `${joins} joins, ${floors} floors`,
      figures: [
        ...figuresOf('join → interpreter frame', joinApp, joinBare),
        ...figuresOf('give floor → speaker frame', floorApp, floorBare),
      ],
    });
  } finally {
    await browser.close();
    await bare.close();
    await app.stop();
  }
}
