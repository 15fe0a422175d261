import { describe, expect, it } from 'vitest';
import { xMcpHeaderProblem } from '../../../src/lint/protocol/x-mcp-header.js';

/** An object schema with these properties. */
const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });
/** A primitive property mirrored into `Mcp-Param-<header>`. */
const header = (name: unknown, type: unknown = 'string') => ({ type, 'x-mcp-header': name });

describe('xMcpHeaderProblem: valid declarations', () => {
  it.each<[string, unknown]>([
    ['no declaration at all', obj({ q: { type: 'string' } })],
    ['one string property', obj({ region: header('Region') })],
    ['string, integer and boolean properties', obj({ region: header('Region'), limit: header('Limit', 'integer'), dry: header('Dry-Run', 'boolean') })],
    ['a declaration three levels down `properties`', obj({ a: obj({ b: obj({ c: header('Deep') }) }) })],
    ['every token character', obj({ t: header("!#$%&'*+-.^_`|~09azAZ") })],
    ['a property named like a keyword (`items`) reached through `properties`', obj({ items: header('Items') })],
    ['distinct names at different depths', obj({ a: header('A'), b: obj({ c: header('C') }) })],
    ['an empty schema', {}],
  ])('%s → undefined', (_name, schema) => {
    expect(xMcpHeaderProblem(schema)).toBeUndefined();
  });
});

describe('xMcpHeaderProblem: invalid declarations', () => {
  it.each<[string, unknown, RegExp]>([
    ['an empty name', obj({ region: header('') }), /`region`: `x-mcp-header` must be a non-empty string/],
    ['a number as name', obj({ region: header(7) }), /`region`: `x-mcp-header` must be a non-empty string/],
    ['null as name', obj({ region: header(null) }), /must be a non-empty string/],
    ['a name with a space', obj({ region: header('My Region') }), /`My Region` is not an RFC 9110 token/],
    ['a name with `:`', obj({ region: header('Region:') }), /is not an RFC 9110 token/],
    ['a non-ASCII name', obj({ region: header('Région') }), /is not an RFC 9110 token/],
    ['a name with a control character', obj({ region: header('Re\ngion') }), /is not an RFC 9110 token/],
    ['on a `number` property', obj({ lat: header('Lat', 'number') }), /`lat`: .*only on string, integer or boolean properties \(type is `number`\)/],
    ['on an `object` property', obj({ o: { ...obj({}), 'x-mcp-header': 'O' } }), /type is `object`/],
    ['on an `array` property', obj({ tags: { type: 'array', items: { type: 'string' }, 'x-mcp-header': 'Tags' } }), /type is `array`/],
    ['on a property without `type`', obj({ region: { description: 'no type', 'x-mcp-header': 'Region' } }), /type is `absent`/],
    ['on a property whose `type` is a list', obj({ region: header('Region', ['string', 'null']) }), /only on string, integer or boolean properties/],
    ['the same name twice', obj({ a: header('Region'), b: header('Region') }), /`b`: `x-mcp-header` `Region` repeats `Region`/],
    ['the same name in another case', obj({ a: header('Region'), b: header('REGION') }), /`REGION` repeats `Region` \(names are case-insensitive\)/],
    ['the same name at another depth', obj({ a: header('Region'), b: obj({ c: header('region') }) }), /`b\.c`: .*repeats `Region`/],
  ])('%s', (_name, schema, problem) => {
    expect(xMcpHeaderProblem(schema)).toMatch(problem);
  });
});

describe('xMcpHeaderProblem: declarations off the `properties` chain', () => {
  const OFF_CHAIN = /allowed only on properties reached through `properties`/;
  it.each<[string, unknown, string]>([
    ['under `items`', obj({ list: { type: 'array', items: header('Item') } }), 'list.<items>'],
    ['under `items` of an object item, through its `properties`', obj({ list: { type: 'array', items: obj({ id: header('Id') }) } }), 'list.<items>.id'],
    ['under `prefixItems`', obj({ pair: { type: 'array', prefixItems: [{ type: 'string' }, header('Second')] } }), 'pair.<prefixItems>'],
    ['under `additionalProperties`', obj({}, { additionalProperties: header('Extra') }), '<additionalProperties>'],
    ['under `patternProperties`', obj({}, { patternProperties: { '^x-': header('Pattern') } }), '<patternProperties>'],
    ['under `anyOf`', obj({ v: { anyOf: [{ type: 'integer' }, header('V')] } }), 'v.<anyOf>'],
    ['under `oneOf`', obj({ v: { oneOf: [header('V')] } }), 'v.<oneOf>'],
    ['under `allOf`', obj({}, { allOf: [obj({ a: header('A') })] }), '<allOf>.a'],
    ['under `not`', obj({ v: { type: 'string', not: header('V') } }), 'v.<not>'],
    ['under `if`/`then`', obj({}, { if: obj({}), then: obj({ a: header('A') }) }), '<then>.a'],
    ['under `$defs`', obj({ a: { $ref: '#/$defs/region' } }, { $defs: { region: header('Region') } }), '<$defs>'],
    ['under `definitions`', obj({}, { definitions: { region: header('Region') } }), '<definitions>'],
    ['under `dependentSchemas`', obj({}, { dependentSchemas: { a: obj({ b: header('B') }) } }), '<dependentSchemas>.b'],
  ])('%s', (_name, schema, path) => {
    const problem = xMcpHeaderProblem(schema);
    expect(problem).toMatch(OFF_CHAIN);
    expect(problem).toContain(`\`${path}\``);
  });

  it('on the root schema', () => {
    expect(xMcpHeaderProblem({ type: 'string', 'x-mcp-header': 'Root' })).toBe('the schema root: `x-mcp-header` is allowed only on properties reached through `properties`');
  });
});

describe('xMcpHeaderProblem: input that is no schema', () => {
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'x-mcp-header'],
    ['a number', 42],
    ['a boolean schema', true],
    ['an array', [header('A')]],
  ])('%s → undefined', (_name, input) => {
    expect(xMcpHeaderProblem(input)).toBeUndefined();
  });

  it('ignores non-object entries of `properties`', () => {
    expect(xMcpHeaderProblem(obj({ a: true, b: null, c: header('C') }))).toBeUndefined();
  });
});
