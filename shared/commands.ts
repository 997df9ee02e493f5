import { z } from 'zod';
import {
  captionCommitSchema,
  captionCorrectSchema,
  captionSyncSchema,
  captionTakePenSchema,
  captionUpdateSchema,
} from './captions.js';
import type { ClientToServerEvents } from './protocol.js';
import {
  emptySchema,
  extendSchema,
  markSigningSchema,
  moveSchema,
  optionalTargetSchema,
  raiseHandSchema,
  settingsSchema,
  targetSchema,
} from './queue.js';
import { idSchema, nameSchema } from './ids.js';

export type CommandName = keyof ClientToServerEvents;

/**
 * Every command the client may send, with the schema its payload must pass. The server registers
 * exactly these (and answers anything else with `unknown-command`); the fuzz suite walks them.
 */
export const COMMAND_SCHEMAS = {
  'room:join': z.object({ name: nameSchema.optional() }).strict(),
  'room:media-token': emptySchema,
  'interpreter:take-over': emptySchema,
  'interpreter:set-active': z.object({ participantId: idSchema }).strict(),
  'queue:raise-hand': raiseHandSchema,
  'queue:lower-hand': optionalTargetSchema,
  'queue:move': moveSchema,
  'queue:lower-all': emptySchema,
  'queue:configure': settingsSchema,
  'floor:give': targetSchema,
  'speaker:mark-signing': markSigningSchema,
  'floor:next': emptySchema,
  'floor:accept': emptySchema,
  'floor:decline': emptySchema,
  'floor:end': emptySchema,
  'timer:pause': emptySchema,
  'timer:resume': emptySchema,
  'timer:extend': extendSchema,
  'caption:sync': captionSyncSchema,
  'caption:update': captionUpdateSchema,
  'caption:commit': captionCommitSchema,
  'caption:correct': captionCorrectSchema,
  'caption:take-pen': captionTakePenSchema,
  'session:advance': z.object({ action: z.enum(['open-lobby', 'go-live', 'end']) }).strict(),
} as const satisfies Record<CommandName, z.ZodType>;

export const COMMAND_NAMES = Object.keys(COMMAND_SCHEMAS) as CommandName[];

/** A command's payload after its schema has parsed it (defaults filled in). */
export type ParsedPayload<E extends CommandName> = z.output<(typeof COMMAND_SCHEMAS)[E]>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_SCHEMAS, name);
}
