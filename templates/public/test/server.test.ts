import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, ERAS, resultText, type StartedConnector, type TestClient } from './harness.js';
import { startConnector } from './start.js';

let connector: StartedConnector;
beforeAll(async () => {
  connector = await startConnector();
});
afterAll(() => connector.stop());

describe.each(ERAS)('on the %s era', (era) => {
  let client: TestClient;
  beforeAll(async () => {
    client = await connect(era, connector.url);
  });
  afterAll(() => client.close());

  it('search_parks lists every park whose name, state or highlights match, ignoring case', async () => {
    expect(resultText(await client.callTool({ name: 'search_parks', arguments: { query: 'geysers' } }))).toBe('yell: Yellowstone (Wyoming)');
    expect(resultText(await client.callTool({ name: 'search_parks', arguments: { query: 'UTAH' } }))).toBe('zion: Zion (Utah)');
    expect(resultText(await client.callTool({ name: 'search_parks', arguments: { query: 'canyon' } }))).toBe('zion: Zion (Utah)\ngrca: Grand Canyon (Arizona)');
  });

  it('search_parks says so when nothing matches, without failing', async () => {
    const result = await client.callTool({ name: 'search_parks', arguments: { query: 'volcano' } });
    expect(result.isError).toBeFalsy();
    expect(resultText(result)).toBe('No park matches "volcano".');
  });

  it('get_park gives the details of a park by id', async () => {
    const result = await client.callTool({ name: 'get_park', arguments: { id: 'zion' } });
    expect(result.isError).toBeFalsy();
    expect(resultText(result)).toBe('Zion (Utah), established 1919. Highlights: The Narrows, Angels Landing, canyons.');
  });

  it('get_park answers an unknown id with an error that says how to find ids', async () => {
    const result = await client.callTool({ name: 'get_park', arguments: { id: 'nope' } });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toBe('No park with id "nope". Use search_parks to find ids.');
  });
});
