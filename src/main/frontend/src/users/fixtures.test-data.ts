// Fixtures in the shapes of GET /api/admin/users (the users and queues contract): the server lists users in no
// particular order, disabled ones included; `you` is the signed-in administrator.
import type { User, UsersAnswer } from './users';

export const alex: User = {
  username: 'agent', displayName: 'Alex Agent', roles: ['AGENT'], queues: ['billing'], enabled: true, lockedForSeconds: null,
};

export const users: User[] = [
  { username: 'tech', displayName: 'Toni Tech', roles: ['AGENT'], queues: ['technical'], enabled: true, lockedForSeconds: 425 },
  { username: 'supervisor', displayName: 'Sam Supervisor', roles: ['SUPERVISOR'], queues: ['billing', 'senior'], enabled: true,
    lockedForSeconds: null },
  alex,
  { username: 'nora', displayName: 'Nora Newhire', roles: ['AGENT'], queues: ['general'], enabled: false, lockedForSeconds: null },
  { username: 'gateway', displayName: 'SMS gateway', roles: ['CHANNEL'], queues: [], enabled: true, lockedForSeconds: null },
  { username: 'admin', displayName: 'Ada Admin', roles: ['ADMIN'], queues: [], enabled: true, lockedForSeconds: null },
];

export const catalogue: UsersAnswer = {
  users,
  roles: [
    { name: 'AGENT', description: 'Works cases: answers customers in the queues given below.' },
    { name: 'SUPERVISOR', description: 'Watches the floor, moves cases, coaches agents.' },
    { name: 'DESIGNER', description: 'Designs case processes and forms.' },
    { name: 'AUDITOR', description: 'Reads the audit trail and erases personal data on request.' },
    { name: 'ADMIN', description: 'Manages users, queues and the system.' },
    { name: 'CHANNEL', description: 'A channel gateway: a machine account that delivers messages.' },
  ],
  queues: ['general', 'billing', 'technical', 'senior'],
  you: 'admin',
};
