#!/usr/bin/env node
// Runs a TypeScript script of this repo (data generator, benchmark) through tsx's loader.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
register();
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
await import(pathToFileURL(path.resolve(script)).href);
