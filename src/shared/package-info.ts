import { readFileSync } from 'node:fs';

interface PackageJson {
  name: string;
  version: string;
  homepage: string;
}

const pkg = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as PackageJson;

export const PACKAGE_NAME = pkg.name;
export const PACKAGE_VERSION = pkg.version;
/** Base of every rule's documentation link: the README section whose anchor is the rule id. */
export const DOCS_BASE = pkg.homepage.replace(/#.*$/, '');
