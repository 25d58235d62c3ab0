import { afterEach, describe, expect, it } from 'vitest';
import { learnPeople, nameOf } from './people';

describe('nameOf', () => {
  afterEach(() => learnPeople([]));

  it('names a colleague by the name the server gave, and leaves other logins as written', () => {
    learnPeople([{ username: 'senior', displayName: 'Sam Senior' }, { username: 'x', displayName: '' }]);
    expect(nameOf('senior')).toBe('Sam Senior');
    expect(nameOf('assistant')).toBe('assistant');
    expect(nameOf('x')).toBe('x');
    expect(nameOf(null)).toBeNull();
  });

  it('forgets the last list when told a new one', () => {
    learnPeople([{ username: 'senior', displayName: 'Sam Senior' }]);
    learnPeople(undefined);
    expect(nameOf('senior')).toBe('senior');
  });
});
