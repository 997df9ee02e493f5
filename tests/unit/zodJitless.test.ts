import { describe, expect, it } from 'vitest';

describe('client/src/lib/zodJitless', () => {
  it('turns off the compilation of schemas (new Function) in the Zod that loads after it', async () => {
    await import('../../client/src/lib/zodJitless');
    const { z } = await import('zod');
    expect(z.config().jitless).toBe(true);
  });
});
