/**
 * The Pipedrive API paths the extension reads, and nothing else (DESIGN §10). Pure and content-safe: the content
 * script builds them, the router's schema and the background check a requested path against the same allowlist,
 * so the rep's token can only ever read these five kinds of record.
 */

/** Pipedrive's numeric ids (persons, deals, organisations, users). */
export const NUMERIC_ID = /^[1-9]\d{0,11}$/;
/** Lead ids are UUIDs (Pipedrive issues version 1 UUIDs, so any version is accepted). */
export const LEAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// v2 for persons, deals and organisations (their v1 endpoints are out of support since 2026-08-01);
// leads and users have no v2 endpoint and their v1 endpoints are not deprecated.
export const personPath = (id: string): string => `/api/v2/persons/${id}`;
export const dealPath = (id: string): string => `/api/v2/deals/${id}`;
export const leadPath = (id: string): string => `/api/v1/leads/${id.toLowerCase()}`;
export const organizationPath = (id: string): string => `/api/v2/organizations/${id}`;
export const userPath = (id: string): string => `/api/v1/users/${id}`;

/** Asked on api.pipedrive.com with a token: whose token it is and which company (`company_domain`) it belongs to. */
export const CURRENT_USER_URL = 'https://api.pipedrive.com/api/v1/users/me';

/** The longest path `isReadPath` accepts (a search for a 100-character name, encoded). */
export const READ_PATH_MAX_LENGTH = 400;

/** Persons with a phone number or a name like `term` (the inbox's names, "Link to a person"). */
export const personSearchPath = (term: string, field: 'phone' | 'name'): string => {
  // Every character but letters, digits and `_~-` encoded (also `.`, `'` and the like): the path cannot hold a dot
  // segment or anything else than one term.
  const encoded = encodeURIComponent(term).replace(/[!'()*.]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `/api/v2/persons/search?term=${encoded}&fields=${field}&limit=10`;
};

const READ_PATHS: readonly RegExp[] = [
  /^\/api\/v2\/(?:persons|deals|organizations)\/[1-9]\d{0,11}$/,
  /^\/api\/v1\/users\/[1-9]\d{0,11}$/,
  /^\/api\/v1\/leads\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  // A search: one encoded term (no `&`, `#`, `/` or `.` left unencoded), one field, ten results.
  /^\/api\/v2\/persons\/search\?term=(?:[A-Za-z0-9_~-]|%[0-9A-F]{2}){2,300}&fields=(?:phone|name)&limit=10$/,
];

/** One of the five record reads with a valid id, or a persons search of `personSearchPath`'s form; nothing else. */
export function isReadPath(path: string): boolean {
  return path.length <= READ_PATH_MAX_LENGTH && READ_PATHS.some((pattern) => pattern.test(path));
}
