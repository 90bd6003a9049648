/**
 * Ctrl-C: the first SIGINT aborts the run gracefully (finished replications are kept and the
 * manifest says "interrupted"); a second one exits at once. SIGTERM (a batch system or Kubernetes
 * stopping the job) is treated the same way, so a preempted shard can be resumed.
 */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>, stderr: NodeJS.WritableStream = process.stderr): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    stderr.write('\ninterrupted: keeping finished replications (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
