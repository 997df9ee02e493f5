// Queue rule Q21 (server/queue/SPEC.md): the record keeps everyone who voiced a signing speaker's
// turn, in order, in the turn's one `voiced_by` column; a row from before the list was kept holds one
// plain name.
import { describe, expect, it } from 'vitest';
import { voicedWords, voicesOf, withVoice } from '../../server/sessions/voices.js';

describe('Q21 who voiced a turn', () => {
  it.each([
    [null, []],
    ['', []],
    ['Ana Ruiz', ['Ana Ruiz']],
    ['[Ana] Ruiz', ['[Ana] Ruiz']],
    ['["Ana Ruiz","Ben Okafor"]', ['Ana Ruiz', 'Ben Okafor']],
    ['[1,2]', ['[1,2]']],
  ] as const)('reads %j as %j', (stored, names) => {
    expect(voicesOf(stored)).toEqual(names);
  });

  it('adds a new voice after the others, not the one voicing already, and nobody takes nobody off', () => {
    let stored = withVoice(null, 'Ana Ruiz');
    expect(voicesOf(stored)).toEqual(['Ana Ruiz']);
    stored = withVoice(stored, 'Ana Ruiz');
    stored = withVoice(stored, 'Ben Okafor');
    stored = withVoice(stored, null);
    expect(voicesOf(stored)).toEqual(['Ana Ruiz', 'Ben Okafor']);
    expect(voicesOf(withVoice(stored, 'Ana Ruiz'))).toEqual(['Ana Ruiz', 'Ben Okafor', 'Ana Ruiz']);
    // A row written before the list was kept goes on from its one name.
    expect(voicesOf(withVoice('Ana Ruiz', 'Ben Okafor'))).toEqual(['Ana Ruiz', 'Ben Okafor']);
    expect(withVoice(null, null)).toBeNull();
  });

  it('says it in words', () => {
    expect(voicedWords(['Ana Ruiz'])).toBe('Ana Ruiz');
    expect(voicedWords(['Ana Ruiz', 'Ben Okafor', 'Ana Ruiz'])).toBe(
      'Ana Ruiz, then Ben Okafor, then Ana Ruiz',
    );
  });
});
