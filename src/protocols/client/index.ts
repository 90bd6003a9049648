export { LoadClient, type ClientConfig } from './client.ts';
