import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `start` that holds package.json. */
function projectRootFrom(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${start}`);
  }
}

/**
 * The project's folder, found from this file rather than from the working directory: the server
 * runs from server/ (tsx) or from dist/server (the build), and a service manager may start it
 * anywhere. The client build and the local LiveKit binary are found from here.
 */
export const PROJECT_ROOT = projectRootFrom(dirname(fileURLToPath(import.meta.url)));
