#!/usr/bin/env node
/**
 * The `alkahest` command: `alkahest migrate <command> [args]` (Alembic's CLI).
 * @example npx alkahest migrate upgrade head
 */
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
