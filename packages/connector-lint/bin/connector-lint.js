#!/usr/bin/env node
// `npx connector-lint` looks for a package of that name: this one runs create-connector's own bin,
// pinned to the same version, so both names run the same program.
import 'create-connector/bin/connector-lint.js';
