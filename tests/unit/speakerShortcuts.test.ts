import { describe, expect, it } from 'vitest';
import { speakerFromShortcut, UNIDENTIFIED } from '../../client/src/captions/speakerShortcuts.js';

const room = { floor: 'Sam Patel', moderator: 'Morgan Lee', interpreter: 'Ivy Chen' };

describe('speaker shortcuts of the caption console', () => {
  it.each([
    ['KeyP', room, ''],
    ['KeyM', room, 'Morgan Lee'],
    ['KeyV', room, 'Sam Patel (voiced by Ivy Chen)'],
    ['KeyV', { ...room, floor: null }, 'Ivy Chen'],
    ['KeyU', room, UNIDENTIFIED],
    ['KeyM', { ...room, moderator: null }, undefined],
    ['KeyV', { ...room, interpreter: null }, undefined],
    ['KeyX', room, undefined],
  ])('%s names %j as %j', (code, who, speaker) => {
    expect(speakerFromShortcut(code, who)).toBe(speaker);
  });
});
