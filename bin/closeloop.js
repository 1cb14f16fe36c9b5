#!/usr/bin/env node
// Plain JS so that npm can run it as the package "bin"; tsx then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
await main(process.argv.slice(2));
