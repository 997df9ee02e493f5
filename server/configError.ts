/** A setting or a DATA_DIR the server cannot start with; its message is for the operator, as is. */
export class ConfigError extends Error {}
