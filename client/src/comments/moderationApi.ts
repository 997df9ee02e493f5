import { useEffect, useState } from 'react';
import { callApi } from '../public/api';

/**
 * How a moderation page calls the comments API (A31): as the organizer, whose cookie goes with every
 * request, or with a moderator's join link as a Bearer token.
 */
export interface ModerationApi {
  call<T>(path: string, init?: RequestInit): Promise<T>;
  /**
   * Where the page shows a comment's file from: absent, the file's own address (the organizer's
   * cookie goes with it); otherwise a copy fetched with the link, so that the link never appears in
   * an address (a query string is copied, shared and kept in logs).
   */
  fetchFile?: (url: string) => Promise<Blob>;
}

export const ORGANIZER_API: ModerationApi = { call: callApi };

/** The API as the holder of this join link, a moderator of the session. */
export function linkApi(token: string): ModerationApi {
  const authorization = `Bearer ${token}`;
  return {
    call: (path, init = {}) => callApi(path, { ...init, headers: { authorization } }),
    fetchFile: async (url) => {
      const res = await fetch(url, { headers: { authorization } });
      if (!res.ok) throw new Error(`The file could not be fetched (${res.status}).`);
      return res.blob();
    },
  };
}

/**
 * The address to show a comment's file at: its own, or an object URL of a copy fetched with the
 * link (released when the comment leaves the page). Null while it is fetched or when it failed.
 */
export function useFileUrl(api: ModerationApi, url: string | undefined): string | null {
  const [copy, setCopy] = useState<string | null>(null);
  const { fetchFile } = api;
  useEffect(() => {
    if (!fetchFile || !url) return;
    let objectUrl: string | null = null;
    let current = true;
    fetchFile(url).then(
      (blob) => {
        if (!current) return;
        objectUrl = URL.createObjectURL(blob);
        setCopy(objectUrl);
      },
      () => current && setCopy(null),
    );
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [fetchFile, url]);
  if (!url) return null;
  return fetchFile ? copy : url;
}
