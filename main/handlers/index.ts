export type { AppBackend, EventListener } from './backend';
export type { Backend, BackendOptions } from './create-backend';
export { createBackend } from './create-backend';
export type { ResultCheck } from './result-check';
export { checkResult } from './result-check';
export type { HandlerTable } from './table';
export { createHandlers } from './table';
