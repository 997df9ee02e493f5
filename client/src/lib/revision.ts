/**
 * The newer of two states by revision (K5): an acknowledgement can arrive after a broadcast that
 * was built later, and must not replace it. Ties go to the incoming state.
 */
export function newer<T extends { revision: number }>(current: T | null, incoming: T): T {
  return current && current.revision > incoming.revision ? current : incoming;
}
