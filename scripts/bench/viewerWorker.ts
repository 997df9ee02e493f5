// A worker process of bench:captions: runs one group of viewers for the parent (viewers.ts), one
// request at a time over IPC, then leaves once they are closed.
import { createViewers, invoke, type Viewers } from './viewers.js';

const viewers = createViewers();
process.on('message', (m: { op: keyof Viewers; args: unknown[] }) => {
  void invoke(viewers, m.op, m.args).then((value) => {
    process.send!(value ?? null);
    if (m.op === 'close') process.disconnect();
  });
});
