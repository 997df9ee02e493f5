import { DateTime } from 'luxon';

/** Where a browser does not say which zone it is in. */
const FALLBACK_ZONE = 'America/New_York';

/** The browser's own IANA zone: what a new session starts with. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || FALLBACK_ZONE;
  } catch {
    return FALLBACK_ZONE;
  }
}

export interface ZoneOption {
  value: string;
  /** The place first, so typing its name in the list finds it: "New York (UTC−05:00)". */
  label: string;
}

export interface ZoneGroup {
  region: string;
  zones: ZoneOption[];
}

/** "UTC−05:00" at `now`, with a true minus sign, which screen readers say as "minus". */
function offsetAt(zone: string, now: Date): string {
  const offset = DateTime.fromJSDate(now).setZone(zone);
  return offset.isValid ? `UTC${offset.toFormat('ZZ').replace('-', '\u2212')}` : '';
}

function optionFor(zone: string, now: Date): ZoneOption {
  const place = zone.includes('/') ? zone.split('/').slice(1).join(', ') : zone;
  const offset = offsetAt(zone, now);
  return { value: zone, label: `${place.replaceAll('_', ' ')}${offset ? ` (${offset})` : ''}` };
}

/**
 * Every zone the browser knows and UTC, grouped by region (America, Europe, ...), each named with
 * its offset now. `keep` (the session's zone) is listed even when the browser does not list it,
 * such as an old alias the server accepts.
 */
export function timeZoneGroups(keep: string, now = new Date()): ZoneGroup[] {
  // UTC is not in the runtime's list of places, but people running an event across zones use it.
  const zones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  if (keep) zones.add(keep);
  const groups = new Map<string, ZoneOption[]>();
  for (const zone of [...zones].sort()) {
    const region = zone.includes('/') ? zone.split('/')[0]! : 'Other';
    groups.set(region, [...(groups.get(region) ?? []), optionFor(zone, now)]);
  }
  return [...groups].map(([region, list]) => ({ region, zones: list }));
}
