import { useCallback, useEffect, useState } from 'react';
import { callApi } from '../public/api';

/** Whether this browser is signed in as the organizer (the cookie is HttpOnly: ask the server). */
export function useOrganizer() {
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const check = useCallback(() => {
    callApi('/api/organizer/me').then(
      () => setSignedIn(true),
      () => setSignedIn(false),
    );
  }, []);
  useEffect(check, [check]);
  const signOut = async () => {
    await callApi('/api/organizer/sign-out', { method: 'POST', body: '{}' }).catch(() => undefined);
    setSignedIn(false);
  };
  return { signedIn, recheck: check, signOut };
}
