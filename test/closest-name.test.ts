import { closestName } from '../lib/closest-name';

describe('closestName', () => {
  const known = ['stopTimeoutSeconds', 'desiredCount', 'healthPath', 'method', 'path'];

  it('finds the name one or two edits away: a letter missing, added, replaced or two swapped', () => {
    expect(closestName('stopTimeoutSecond', known)).toBe('stopTimeoutSeconds');
    expect(closestName('desiredCountt', known)).toBe('desiredCount');
    expect(closestName('healtPath', known)).toBe('healthPath');
    expect(closestName('mehtod', known)).toBe('method');
  });

  it('ignores case', () => {
    expect(closestName('DesiredCount', known)).toBe('desiredCount');
  });

  it('picks the nearest of two candidates', () => {
    expect(closestName('paths', ['pathsss', 'path'])).toBe('path');
    expect(closestName('pathss', ['path', 'pathsss'])).toBe('pathsss');
  });

  it('suggests nothing for a name that is not close to any (never an unrelated name)', () => {
    expect(closestName('stopTimeout', known)).toBeUndefined();
    expect(closestName('xyz', known)).toBeUndefined();
    expect(closestName('ab', ['cd'])).toBeUndefined();
    expect(closestName('anything', [])).toBeUndefined();
  });
});
