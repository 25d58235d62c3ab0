// The users and queues page's contract (/api/admin/users, administrators only) and the rules an account must meet.
// The server enforces every rule; the page checks the same ones first, so that a form says what is wrong next to the
// field before anything is sent, and says what happened afterwards in words ("Alex Agent can now work billing.").
import { getJson, postJson, putJson } from '../lib/api';
import { roleNames, type Role } from '../lib/session';

export interface User {
  username: string;
  displayName: string;
  roles: Role[];
  queues: string[];
  enabled: boolean;
  /** How long failed sign-ins still keep the account locked; null when it is not locked. */
  lockedForSeconds: number | null;
}

export interface RoleInfo {
  name: Role;
  description: string;
}

export interface UsersAnswer {
  users: User[];
  roles: RoleInfo[];
  queues: string[];
  /** The signed-in administrator's login. */
  you: string;
}

/** What an account form sends: the whole account (a new one also has a password). */
export interface AccountBody {
  displayName: string;
  roles: Role[];
  queues: string[];
}

export interface NewAccountBody extends AccountBody {
  username: string;
  password: string;
}

const BASE = '/api/admin/users';
const one = (username: string) => BASE + '/' + encodeURIComponent(username);

export const usersApi = {
  list: () => getJson<UsersAnswer>(BASE),
  create: (body: NewAccountBody) => postJson<User>(BASE, body),
  update: (username: string, body: AccountBody) => putJson<User>(one(username), body),
  password: (username: string, password: string) => postJson<User>(one(username) + '/password', { password }),
  enabled: (username: string, enabled: boolean) => postJson<User>(one(username) + '/enabled', { enabled }),
  unlock: (username: string) => postJson<User>(one(username) + '/unlock'),
};

/** Problems by field (username, displayName, roles, queues, password, confirm; `form` for the rest). */
export type Problems = Record<string, string[]>;

/** The people's roles; CHANNEL (a channel gateway's machine account) takes no other. */
export const PEOPLE_ROLES: Role[] = ['AGENT', 'SUPERVISOR', 'DESIGNER', 'AUDITOR', 'ADMIN'];

export const roleWord = (role: Role): string => roleNames([role]);

/** Agents and supervisors are offered the work of queues; the other roles have no queue. */
export const worksQueues = (roles: readonly Role[]): boolean => roles.includes('AGENT') || roles.includes('SUPERVISOR');

/** Supervisors and administrators see every queue, whichever they work themselves. */
export const seesEveryQueue = (roles: readonly Role[]): boolean => roles.includes('SUPERVISOR') || roles.includes('ADMIN');

/** An agent who is not also a supervisor or an administrator would see no case at all without a queue. */
export const needsQueue = (roles: readonly Role[]): boolean => roles.includes('AGENT') && !seesEveryQueue(roles);

export const USERNAME_RULE = '2 to 40 characters: lower-case letters, digits, “.”, “_” and “-”, starting with a letter.';
export const PASSWORD_RULE = '12 to 72 characters, not containing the login name.';
const PASSWORD_MIN = 12;
const PASSWORD_MAX_BYTES = 72;

function add(problems: Problems, field: string, message: string) {
  (problems[field] ??= []).push(message);
}

export function checkUsername(username: string, problems: Problems = {}): Problems {
  if (!username) add(problems, 'username', 'Give a login name.');
  else if (username.length < 2 || username.length > 40) add(problems, 'username', 'Use 2 to 40 characters.');
  else if (!/^[a-z][a-z0-9._-]*$/.test(username)) {
    add(problems, 'username', /^[a-z]/.test(username)
      ? 'Use only lower-case letters, digits, “.”, “_” and “-”.'
      : 'Start with a lower-case letter.');
  }
  return problems;
}

/**
 * The account's name, roles and queues. `you` is the signed-in administrator's login, `username` the account's: an
 * administrator cannot take their own Administrator role away (nobody might be left to give it back).
 */
export function checkAccount(body: AccountBody, username: string, you: string, problems: Problems = {}): Problems {
  const name = body.displayName.trim();
  if (!name) add(problems, 'displayName', 'Give the name people see.');
  else if (name.length > 100) add(problems, 'displayName', 'Use at most 100 characters.');
  if (!body.roles.length) add(problems, 'roles', 'Choose at least one role.');
  else if (body.roles.includes('CHANNEL') && body.roles.length > 1) {
    add(problems, 'roles', 'A channel gateway is a machine account: it has no other role.');
  }
  if (username === you && !body.roles.includes('ADMIN')) {
    add(problems, 'roles', 'You cannot remove your own Administrator role; another administrator can.');
  }
  if (needsQueue(body.roles) && !body.queues.length) add(problems, 'queues', 'Choose at least one queue for an agent.');
  return problems;
}

/** UTF-8 bytes: the server's limit of 72 is bcrypt's, in bytes (an "é" takes 2, most emoji 4). */
export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

export function checkPassword(password: string, confirm: string, username: string, problems: Problems = {}): Problems {
  if (!password) add(problems, 'password', 'Give a password.');
  else if ([...password].length < PASSWORD_MIN) add(problems, 'password', 'Use at least ' + PASSWORD_MIN + ' characters.');
  else if (utf8Bytes(password) > PASSWORD_MAX_BYTES) {
    add(problems, 'password', 'Too long: at most ' + PASSWORD_MAX_BYTES + ' bytes, and this one has ' + utf8Bytes(password)
      + ' (accented letters and emoji take 2 to 4).');
  } else if (username && password.toLowerCase().includes(username.toLowerCase())) add(problems, 'password', 'The password must not contain the login name.');
  if (password && !confirm) add(problems, 'confirm', 'Type the password again.');
  else if (password && confirm !== password) add(problems, 'confirm', 'The two passwords differ.');
  return problems;
}

export const FIELDS = ['username', 'displayName', 'roles', 'queues', 'password', 'confirm', 'enabled'] as const;

/**
 * The server's 400 `errors` ([{field, message}]) by the field the page shows them at: "roles[1]" and "queues" go to
 * their checkboxes, anything the page has no field for to the form as a whole.
 */
export function serverProblems(errors: unknown): Problems {
  const problems: Problems = {};
  if (!Array.isArray(errors)) return problems;
  for (const error of errors as { field?: unknown; message?: unknown }[]) {
    const raw = typeof error?.field === 'string' ? error.field : '';
    const field = raw.replace(/\[.*$/, '').replace(/\..*$/, '');
    const message = typeof error?.message === 'string' && error.message ? error.message : 'Not accepted.';
    add(problems, (FIELDS as readonly string[]).includes(field) ? field : 'form', message);
  }
  return problems;
}

export const hasProblems = (problems: Problems): boolean => Object.values(problems).some(list => list.length > 0);

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1];
}

export const rolesInWords = (roles: readonly Role[]): string => listWords(roles.map(roleWord));

/** "billing and general" as the answer lists them; what a person with no queue of their own works. */
export function queuesSentence(user: User): string {
  if (!worksQueues(user.roles)) return user.displayName + ' works no queue.';
  if (user.queues.length) return user.displayName + ' can now work ' + listWords(user.queues) + '.';
  return user.displayName + ' works no queue of their own' + (seesEveryQueue(user.roles) ? ' and sees every queue.' : '.');
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** What an edit changed, in words, from the server's answer: "Alex Agent can now work billing and general." */
export function changeSentence(before: User, after: User): string {
  const said: string[] = [];
  if (before.displayName !== after.displayName) said.push(before.displayName + ' is now called ' + after.displayName + '.');
  if (!same(before.roles, after.roles)) said.push(after.displayName + ' is now ' + rolesInWords(after.roles) + '.');
  if (!same(before.queues, after.queues) || (!same(before.roles, after.roles) && worksQueues(before.roles) !== worksQueues(after.roles))) {
    said.push(queuesSentence(after));
  }
  return said.length ? said.join(' ') : 'Nothing changed for ' + after.displayName + '.';
}

export function createdSentence(user: User): string {
  const work = worksQueues(user.roles) && user.queues.length ? ', working ' + listWords(user.queues) : '';
  return user.displayName + ' (' + user.username + ') can now sign in as ' + rolesInWords(user.roles) + work + '.';
}

/** "7 min" left of a lockout (at least a minute while any of it is left). */
export function lockMinutes(seconds: number): string {
  return Math.max(1, Math.round(seconds / 60)) + ' min';
}

/** Users in login order. */
export const byLogin = (users: readonly User[]): User[] => [...users].sort((a, b) => a.username.localeCompare(b.username));

/** Whether a user matches the filter: their name, login, a queue or a role's word. */
export function matches(user: User, filter: string): boolean {
  const words = filter.trim().toLowerCase();
  if (!words) return true;
  const text = [user.displayName, user.username, ...user.queues, ...user.roles.map(roleWord)].join(' ').toLowerCase();
  return words.split(/\s+/).every(word => text.includes(word));
}
