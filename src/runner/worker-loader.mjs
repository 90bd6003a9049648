// Preloaded in every worker thread (`--import`): registers tsx's ESM loader so the worker imports
// TypeScript through the fast ESM path. Without it, piscina's workers fall back to a require-based
// loader and run about ten times slower.
import { register } from 'tsx/esm/api';

register();
