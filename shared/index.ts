export * from './protocol.js';
export * from './roles.js';
export * from './schemas.js';
