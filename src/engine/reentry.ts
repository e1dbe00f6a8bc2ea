/**
 * @internal Marks the asynchronous context of a default function or a cursor listener with the
 * Connection whose execution runs it. SQL that such code runs on that Connection is part of the
 * execution (SQLAlchemy's `context.connection`) and goes straight through, where a call from
 * anywhere else still waits its turn behind the execution.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export const reentry = new AsyncLocalStorage<object>();
