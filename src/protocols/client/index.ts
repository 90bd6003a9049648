export { LoadClient, type ArrivalProcess, type ClientConfig } from './client.ts';
export { RetrySchedule, retryWaitUs, type RetryPolicy } from './retry-schedule.ts';
