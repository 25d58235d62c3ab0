import { describe, expect, it } from 'vitest';
import { score } from './format';

describe('score', () => {
  it('shows two decimals and never a negative zero', () => {
    expect(score(-0.0004)).toBe('0.00');
    expect(score(-0.3)).toBe('-0.30');
    expect(score(0.456)).toBe('0.46');
  });
});
