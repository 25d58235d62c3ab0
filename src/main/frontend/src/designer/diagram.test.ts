import { describe, expect, it } from 'vitest';
import { lintIssues, openingView, READABLE_SCALE, startEventBounds, translate, type Diagram } from './diagram';

describe('the designer in words', () => {
  it('counts the linter\'s findings as the pages do', () => {
    const button = '{errors} Errors, {warnings} Warnings';
    expect(translate(button, { errors: '1', warnings: '0' })).toBe('1 error');
    expect(translate(button, { errors: '2', warnings: '1' })).toBe('2 errors, 1 warning');
    expect(translate(button, { errors: '0', warnings: '3' })).toBe('3 warnings');
    expect(translate('Append {type}', { type: 'task' })).toBe('Append task');
    expect(translate('No Issues')).toBe('No Issues');
  });

  it('names a finding\'s element by its name, else by its kind and id, and says bpmnlint\'s findings in words', () => {
    const elements: Record<string, { type: string; businessObject: { name?: string } }> = {
      Activity_1: { type: 'bpmn:UserTask', businessObject: { name: 'Call back' } },
      Activity_2: { type: 'bpmn:ServiceTask', businessObject: {} },
    };
    const issues = lintIssues({
      Activity_1: [{ id: 'Activity_1', message: 'Element is not connected', category: 'error', rule: 'no-disconnected' }],
      Activity_2: [{ id: 'Activity_2', message: 'calls no delegate', category: 'error', rule: 'omnicase/known-delegate' }],
    }, id => elements[id]);
    expect(issues.map(i => i.element + ': ' + i.message)).toEqual([
      '“Call back”: not connected to the rest of the process', 'service task Activity_2: calls no delegate']);
  });
});

// bpmn-js draws nothing in jsdom (no SVG layout): where the diagram opens is worked out apart from it, and checked here.
describe('where the designer opens a diagram', () => {
  // The shipped process: about 2000 × 600 units, its start event at the left; a 1000 × 560 px canvas with the palette
  // over its left 60 px.
  const box = { width: 1000, height: 560 };
  const inner = { x: 150, y: 80, width: 2000, height: 600 };
  const start = { x: 160, y: 300, width: 36, height: 36 };

  it('opens a process too big to read whole at a readable zoom, from its start event beside the palette', () => {
    const view = openingView(box, 60, 16, inner, start)!;
    expect(view.whole).toBe(false);
    expect(view.scale).toBe(READABLE_SCALE);
    expect(view.viewbox.width).toBeCloseTo(1000 / 0.6);
    // The start event's left edge 60 px in (right of the palette), and inside the box top to bottom.
    expect((start.x - view.viewbox.x) * view.scale).toBeCloseTo(60);
    const top = (start.y - view.viewbox.y) * view.scale;
    expect(top).toBeGreaterThan(0);
    expect(top + start.height * view.scale).toBeLessThan(box.height);
  });

  it('fits a process that is readable whole, right of the palette, at no more than full size', () => {
    const small = { x: 150, y: 80, width: 1200, height: 300 };
    const view = openingView(box, 60, 16, small, start)!;
    expect(view.whole).toBe(true);
    expect(view.scale).toBeCloseTo((1000 - 60 - 16) / 1200);
    expect((small.x - view.viewbox.x) * view.scale).toBeCloseTo(60);
    expect(openingView(box, 60, 16, { ...small, width: 100, height: 50 }, start)!.scale).toBe(1);
  });

  it('keeps a tall process\'s start event in view, not beyond the diagram\'s edges', () => {
    const tall = { x: 150, y: 0, width: 2000, height: 3000 };
    const low = { x: 160, y: 2900, width: 36, height: 36 };
    const view = openingView(box, 60, 16, tall, low)!;
    const bottom = (low.y + low.height - view.viewbox.y) * view.scale;
    expect(bottom).toBeLessThanOrEqual(box.height);
    expect(view.viewbox.y + view.viewbox.height).toBeLessThanOrEqual(tall.y + tall.height + 16 / view.scale + 1e-9);
  });

  it('finds the process\'s first start event, not one inside a sub-process', () => {
    const elements = [
      { type: 'bpmn:StartEvent', x: 900, y: 10, width: 36, height: 36, parent: { type: 'bpmn:SubProcess' } },
      { type: 'bpmn:StartEvent', x: 400, y: 20, width: 36, height: 36, parent: { type: 'bpmn:Process' } },
      { type: 'bpmn:StartEvent', x: 200, y: 30, width: 36, height: 36, parent: { type: 'bpmn:Process' } },
      { type: 'bpmn:UserTask', x: 0, y: 0, width: 100, height: 80, parent: { type: 'bpmn:Process' } },
    ];
    const diagram = { get: () => ({ filter: (fn: (e: unknown) => boolean) => elements.filter(fn) }) } as unknown as Diagram;
    expect(startEventBounds(diagram)).toEqual({ x: 200, y: 30, width: 36, height: 36 });
  });
});
