/** Issue 13: a function's own code and libraries (bundle less its SDK-only baseline) under 100 KB, cold load within 1.3x the baseline. */
export const bundleTargets = { maxOwnBytes: 100 * 1024, maxLoadRatio: 1.3 } as const;

/** A function's own code and libraries: its bundle less its SDK-only baseline (and less the triage model in the triage function, counted apart). */
export const ownBundleBytes = (f: { functionName: string; minifiedBytes: number; baseline: { minifiedBytes: number }; triageBytes: number }) =>
  f.minifiedBytes - f.baseline.minifiedBytes - (f.functionName === 'TriageComplaint' ? f.triageBytes : 0);
