import { createDecoder } from 'fast-jwt';

/** A token's claims, read without checking its signature (what a test needs to see a grant). */
export const decodeJwt = createDecoder() as (token: string) => Record<string, unknown> & {
  exp?: number;
  nbf?: number;
  sub?: string;
};
