import { describe, expect, it } from 'vitest';
import { pageBase } from '../../renderer/src/bridge/index';

describe('the browser-mode bridge base', () => {
  it('is the folder the page came from, where the session cookie is sent', () => {
    expect(pageBase('/s/Q2xvdWRmbGFyZQ/')).toBe('/s/Q2xvdWRmbGFyZQ');
    expect(pageBase('/s/Q2xvdWRmbGFyZQ/index.html')).toBe('/s/Q2xvdWRmbGFyZQ');
    expect(pageBase('/')).toBe('');
  });
});
