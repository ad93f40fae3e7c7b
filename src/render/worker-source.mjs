// Worker entry when onair runs from its TypeScript source (tests, benchmarks):
// worker threads do not inherit tsx's loader, so register it here first.
// The compiled package (dist/) starts worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
