import { describe, expect, it } from 'vitest';
import {
  byLogin, changeSentence, checkAccount, checkPassword, checkUsername, createdSentence, lockMinutes, matches,
  serverProblems, type User,
} from './users';
import { alex, users } from './fixtures.test-data';

describe('the account rules the page checks before the server does', () => {
  it('takes a login name of 2 to 40 lower-case letters, digits, ".", "_" and "-" that starts with a letter', () => {
    for (const good of ['al', 'alex.agent', 'a_b-c.9', 'a'.repeat(40)]) expect(checkUsername(good), good).toEqual({});
    expect(checkUsername('').username).toEqual(['Give a login name.']);
    expect(checkUsername('a').username).toEqual(['Use 2 to 40 characters.']);
    expect(checkUsername('a'.repeat(41)).username).toEqual(['Use 2 to 40 characters.']);
    expect(checkUsername('Alex').username).toEqual(['Start with a lower-case letter.']);
    expect(checkUsername('9lives').username).toEqual(['Start with a lower-case letter.']);
    expect(checkUsername('alex agent').username).toEqual(['Use only lower-case letters, digits, “.”, “_” and “-”.']);
    expect(checkUsername('alexAgent').username).toEqual(['Use only lower-case letters, digits, “.”, “_” and “-”.']);
  });

  it('wants a name, a role, a channel gateway alone, and a queue for an agent who sees no other', () => {
    const ok = { displayName: 'Alex Agent', roles: ['AGENT' as const], queues: ['billing'] };
    expect(checkAccount(ok, 'agent', 'admin')).toEqual({});
    expect(checkAccount({ ...ok, displayName: '   ' }, 'agent', 'admin').displayName).toEqual(['Give the name people see.']);
    expect(checkAccount({ ...ok, displayName: 'x'.repeat(101) }, 'agent', 'admin').displayName).toEqual(['Use at most 100 characters.']);
    expect(checkAccount({ ...ok, roles: [] }, 'agent', 'admin').roles).toEqual(['Choose at least one role.']);
    expect(checkAccount({ ...ok, roles: ['CHANNEL', 'AGENT'] }, 'agent', 'admin').roles)
      .toEqual(['A channel gateway is a machine account: it has no other role.']);
    expect(checkAccount({ ...ok, roles: ['CHANNEL'], queues: [] }, 'gateway', 'admin')).toEqual({});
    expect(checkAccount({ ...ok, queues: [] }, 'agent', 'admin').queues).toEqual(['Choose at least one queue for an agent.']);
    // Supervisors and administrators see every queue: an agent who is one of them needs none of their own.
    expect(checkAccount({ ...ok, roles: ['AGENT', 'SUPERVISOR'], queues: [] }, 'agent', 'admin')).toEqual({});
    expect(checkAccount({ ...ok, roles: ['AGENT', 'ADMIN'], queues: [] }, 'agent', 'admin')).toEqual({});
  });

  it('refuses to take the Administrator role from the signed-in administrator only', () => {
    const body = { displayName: 'Ada Admin', roles: ['SUPERVISOR' as const], queues: [] };
    expect(checkAccount(body, 'admin', 'admin').roles)
      .toEqual(['You cannot remove your own Administrator role; another administrator can.']);
    expect(checkAccount(body, 'admin2', 'admin')).toEqual({});
  });

  it('takes a password of 12 characters up to 72 bytes that does not contain the login name, typed the same twice', () => {
    expect(checkPassword('correct horse', 'correct horse', 'agent')).toEqual({});
    expect(checkPassword('', '', 'agent').password).toEqual(['Give a password.']);
    expect(checkPassword('short', 'short', 'agent').password).toEqual(['Use at least 12 characters.']);
    expect(checkPassword('a'.repeat(72), 'a'.repeat(72), 'agent')).toEqual({});
    // 37 × "é" is 37 characters and 74 bytes: bcrypt would ignore what follows byte 72.
    expect(checkPassword('é'.repeat(37), 'é'.repeat(37), 'agent').password?.[0]).toMatch(/^Too long: at most 72 bytes, and this one has 74/);
    expect(checkPassword('alex.agent.01', 'alex.agent.01', 'alex.agent.01').password).toEqual(['The password must not contain the login name.']);
    expect(checkPassword('my-ALEX-secret-1', 'my-ALEX-secret-1', 'alex').password).toEqual(['The password must not contain the login name.']);
    expect(checkPassword('correct horse', '', 'agent').confirm).toEqual(['Type the password again.']);
    expect(checkPassword('correct horse', 'correct hose', 'agent').confirm).toEqual(['The two passwords differ.']);
  });

  it('puts the server\'s field errors at the field they are about, and the rest on the form', () => {
    expect(serverProblems([
      { field: 'username', message: 'taken' }, { field: 'roles[1]', message: 'CHANNEL alone' },
      { field: 'queues', message: 'an agent needs a queue' }, { field: 'createAccount.arg0', message: 'odd' },
    ])).toEqual({ username: ['taken'], roles: ['CHANNEL alone'], queues: ['an agent needs a queue'], form: ['odd'] });
    expect(serverProblems(undefined)).toEqual({});
  });
});

describe('what the page says', () => {
  it('says what an edit changed in words', () => {
    const after: User = { ...alex, queues: ['billing', 'general'] };
    expect(changeSentence(alex, after)).toBe('Alex Agent can now work billing and general.');
    expect(changeSentence(alex, { ...alex, roles: ['AGENT', 'SUPERVISOR'] })).toBe('Alex Agent is now Agent and Supervisor.');
    expect(changeSentence(alex, { ...alex, displayName: 'Alex Archer' })).toBe('Alex Agent is now called Alex Archer.');
    expect(changeSentence(alex, { ...alex, roles: ['DESIGNER'], queues: [] }))
      .toBe('Alex Agent is now Process designer. Alex Agent works no queue.');
    expect(changeSentence(alex, alex)).toBe('Nothing changed for Alex Agent.');
    expect(createdSentence({ ...alex, queues: ['billing', 'general', 'senior'] }))
      .toBe('Alex Agent (agent) can now sign in as Agent, working billing, general and senior.');
  });

  it('lists by login, finds by name, login, role or queue, and counts a lockout in minutes', () => {
    expect(byLogin(users).map(u => u.username)).toEqual(['admin', 'agent', 'gateway', 'nora', 'supervisor', 'tech']);
    expect(users.filter(u => matches(u, 'billing')).map(u => u.username).sort()).toEqual(['agent', 'supervisor']);
    expect(users.filter(u => matches(u, 'toni')).map(u => u.username)).toEqual(['tech']);
    expect(users.filter(u => matches(u, 'gateway')).map(u => u.username)).toEqual(['gateway']);
    expect(lockMinutes(425)).toBe('7 min');
    expect(lockMinutes(20)).toBe('1 min');
  });
});
