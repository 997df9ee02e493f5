import { createDecoder } from 'fast-jwt';

/** A token's claims, read without checking its signature (what a test needs to see a grant). */
export const decodeJwt = createDecoder() as (token: string) => Record<string, unknown> & {
  exp?: number;
  nbf?: number;
  sub?: string;
};

/** The invite a join link or path names: the token's jti (signed again on each page, so compared by it). */
export const inviteOf = (url: string): string => decodeJwt(url.split('/join/')[1]!).jti as string;
