import { isSameWhatsApp } from '../phone';

/** One of a contact's numbers, with what we know about it (Pipedrive's label and flag, our history with it). */
export interface NumberCandidate {
  e164: string;
  /** Pipedrive's label for the number (`mobile`, `work`, `home`, `other`, or the rep's own). */
  label?: string;
  isPrimary?: boolean;
  isMobile?: boolean;
  /** When the contact last wrote from this number (ms since the epoch). */
  lastInboundAt?: number;
  hasHistory?: boolean;
}

const isMobileCandidate = (candidate: NumberCandidate): boolean =>
  candidate.isMobile === true || candidate.label?.trim().toLowerCase() === 'mobile';

const inboundAt = (candidate: NumberCandidate): number | undefined =>
  candidate.lastInboundAt !== undefined && Number.isFinite(candidate.lastInboundAt) ? candidate.lastInboundAt : undefined;

/** The candidate with the newest inbound message; the first of equals. */
function newestInbound(candidates: readonly NumberCandidate[]): NumberCandidate | undefined {
  let newest: NumberCandidate | undefined;
  for (const candidate of candidates) {
    const at = inboundAt(candidate);
    if (at !== undefined && (newest === undefined || at > (inboundAt(newest) ?? -Infinity))) newest = candidate;
  }
  return newest;
}

type Group = [NumberCandidate, ...NumberCandidate[]];

/** Candidates that are one WhatsApp account (`+52…` and `+521…`, say), in the order each first appears. */
function groupSameWhatsApp(candidates: readonly NumberCandidate[]): Group[] {
  const groups: Group[] = [];
  for (const candidate of candidates) {
    const group = groups.find(([first]) => first.e164 === candidate.e164 || isSameWhatsApp(first.e164, candidate.e164));
    if (group) group.push(candidate);
    else groups.push([candidate]);
  }
  return groups;
}

/**
 * One candidate with the facts of all its forms. Its number is the form the contact last wrote from, else one with
 * history, else the remembered form, else the first: the form the conversation already lives under.
 */
function merge(group: Readonly<Group>, remembered: string | undefined): NumberCandidate {
  const [first] = group;
  const chosen = newestInbound(group) ?? group.find((c) => c.hasHistory === true) ??
    group.find((c) => c.e164 === remembered) ?? first;
  const label = chosen.label ?? group.find((c) => c.label !== undefined)?.label;
  const lastInboundAt = inboundAt(newestInbound(group) ?? first);
  const isMobile = group.some(isMobileCandidate) ? true : group.some((c) => c.isMobile === false) ? false : undefined;
  return {
    e164: chosen.e164,
    ...(label !== undefined && { label }),
    ...(group.some((c) => c.isPrimary === true) && { isPrimary: true }),
    ...(isMobile !== undefined && { isMobile }),
    ...(lastInboundAt !== undefined && { lastInboundAt }),
    ...(group.some((c) => c.hasHistory === true) && { hasHistory: true }),
  };
}

/**
 * The number to open a contact's WhatsApp conversation on, of all their numbers: the rep's remembered choice when
 * it is still one of them; else the one the contact wrote from last; else one with history; else a mobile
 * (Pipedrive's `mobile` label or our own typing); else Pipedrive's primary; else the first. Forms of one WhatsApp
 * account count as one candidate with their facts merged, so `+52 55…` typed in Pipedrive and Twilio's `+521 55…`
 * are not two choices.
 */
export function chooseNumber(candidates: readonly NumberCandidate[], remembered?: string): NumberCandidate | undefined {
  const merged = groupSameWhatsApp(candidates).map((group) => merge(group, remembered));
  const rememberedOne = remembered === undefined ? undefined :
    merged.find((c) => c.e164 === remembered || isSameWhatsApp(c.e164, remembered));
  return rememberedOne ?? newestInbound(merged) ?? merged.find((c) => c.hasHistory === true) ??
    merged.find(isMobileCandidate) ?? merged.find((c) => c.isPrimary === true) ?? merged[0];
}
