import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expand, expandCommandAndArgs, mappingFor } from './expansion.js';

describe('expand', () => {
  const env = new Map([
    ['VAR_A', 'A'],
    ['VAR_B', 'B'],
    ['VAR_EMPTY', ''],
  ]);
  // Cases follow upstream's expand_test.go semantics.
  const cases: [string, string][] = [
    ['$(VAR_A)', 'A'],
    ['___$(VAR_B)___', '___B___'],
    ['$(VAR_A)-$(VAR_B)', 'A-B'],
    ['$(VAR_EMPTY)', ''],
    ['$(UNDEFINED)', '$(UNDEFINED)'],
    ['$()', '$()'],
    ['$$(VAR_A)', '$(VAR_A)'],
    ['$$$(VAR_A)', '$A'],
    ['$$$$(VAR_A)', '$$(VAR_A)'],
    ['$$', '$'],
    ['$', '$'],
    ['foo$', 'foo$'],
    ['$VAR_A', '$VAR_A'],
    ['${VAR_A}', '${VAR_A}'],
    ['$(VAR_A', '$(VAR_A'],
    ['$(VAR_A)$(', 'A$('],
    ['$(VAR_A)$$', 'A$'],
    ['$($(VAR_A))', '$($(VAR_A))'],
    ['plain text', 'plain text'],
    ['', ''],
    ['$(VAR_A) $(VAR_B)\n$(VAR_A)', 'A B\nA'],
  ];
  for (const [input, want] of cases) it(`${JSON.stringify(input)} → ${JSON.stringify(want)}`, () => assert.equal(expand(input, env), want));

  it('accepts pairs (last definition wins) and lookup functions', () => {
    assert.equal(expand('$(X)', [['X', '1'], ['X', '2']]), '2');
    assert.equal(expand('$(X)/$(Y)', (n) => (n === 'X' ? 'x' : undefined)), 'x/$(Y)');
  });

  it('mappingFor consults sources in order', () => {
    const m = mappingFor(new Map([['A', 'first']]), new Map([['A', 'second'], ['B', 'b']]));
    assert.equal(m('A'), 'first');
    assert.equal(m('B'), 'b');
    assert.equal(m('C'), '$(C)');
  });
});

describe('expandCommandAndArgs', () => {
  it('expands command and args against the final environment', () => {
    const got = expandCommandAndArgs(
      { name: 'c', command: ['/bin/sh', '-c'], args: ['echo $(GREETING) $(NAME) $$(NAME) $(MISSING)'] },
      [['GREETING', 'hello'], ['NAME', 'world']],
    );
    assert.deepEqual(got, { command: ['/bin/sh', '-c'], args: ['echo hello world $(NAME) $(MISSING)'] });
  });

  it('returns empty lists when the container has none', () => {
    assert.deepEqual(expandCommandAndArgs({ name: 'c' }, []), { command: [], args: [] });
  });
});
