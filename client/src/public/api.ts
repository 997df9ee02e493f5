import type { ApiError } from '../../../shared/protocol.js';

export class ApiProblem extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** Calls our API; a refusal becomes an ApiProblem with the server's message and field issues. */
export async function callApi<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      headers: {
        accept: 'application/json',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  } catch {
    throw new ApiProblem('The server could not be reached. Check your connection and try again.', 0);
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return body as T;
  const problem = body as Partial<ApiError> | null;
  throw new ApiProblem(problem?.message ?? `The server answered ${res.status}.`, res.status, problem?.issues);
}
