import { describe, expect, it } from 'vitest';
import { browserCommand } from '../../../../src/lint/probes/login/browser.js';

const URL_ = 'https://idp.example.com/authorize?client_id=a&state=b';

describe('the command --login opens the browser with', () => {
  it('is BROWSER with the URL as its last argument, on any platform', () => {
    expect(browserCommand({ BROWSER: '/opt/sign-in' }, 'linux', URL_)).toEqual(['/opt/sign-in', [URL_]]);
    expect(browserCommand({ BROWSER: '/opt/sign-in' }, 'darwin', URL_)).toEqual(['/opt/sign-in', [URL_]]);
  });

  it.each<[NodeJS.Platform, string, string[]]>([
    ['linux', 'xdg-open', [URL_]],
    ['darwin', 'open', [URL_]],
    ['win32', 'cmd', ['/c', 'start', '""', `"${URL_}"`]],
  ])('is the platform opener on %s without BROWSER', (platform, command, args) => {
    expect(browserCommand({}, platform, URL_)).toEqual([command, args]);
  });
});
