import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  name: string;
  version: string;
  homepage: string;
}

/** This package's root folder (where its package.json is), from its sources and from `dist/` alike. */
export const PACKAGE_ROOT = dirname(fileURLToPath(new URL('../../package.json', import.meta.url)));

const pkg = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as PackageJson;

export const PACKAGE_NAME = pkg.name;
export const PACKAGE_VERSION = pkg.version;
/** Base of every rule's documentation link: the README section whose anchor is the rule id. */
export const DOCS_BASE = pkg.homepage.replace(/#.*$/, '');
