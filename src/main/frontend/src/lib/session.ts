import { ApiError, getJson } from './api';
import { learnPeople, type Person } from './people';

export type Role = 'AGENT' | 'SUPERVISOR' | 'DESIGNER' | 'AUDITOR' | 'ADMIN' | 'CHANNEL';

/** A page the signed-in user may open, as the server lists it (it alone decides, by role). */
export interface PageLink {
  id: string;
  title: string;
  href: string;
  description: string;
  /** Omnicase's own page (in this app) or one of Camunda's webapps / the API documentation. */
  external: boolean;
}

export interface Me {
  username: string;
  displayName: string;
  roles: Role[];
  pages: PageLink[];
  /** Colleagues' names (staff only); {@link nameOf} reads them. */
  people?: Person[];
}

/** Who is signed in, or null when nobody is (the server answered 401). */
export async function loadMe(): Promise<Me | null> {
  try {
    const me = await getJson<Me>('/api/me');
    learnPeople(me.people);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

const ROLE_NAMES: Record<Role, string> = {
  AGENT: 'Agent', SUPERVISOR: 'Supervisor', DESIGNER: 'Process designer', AUDITOR: 'Auditor', ADMIN: 'Administrator',
  CHANNEL: 'Channel gateway',
};

export function roleNames(roles: Role[]): string {
  return roles.map(role => ROLE_NAMES[role] ?? role).join(', ');
}

export function mayOpen(me: Me, pageId: string): boolean {
  return me.pages.some(page => page.id === pageId);
}

/** Session storage key: the page (with its "#case-9") a signed-out visitor was on, to return to after signing in. */
export const RETURN_TO = 'omnicase.returnTo';
