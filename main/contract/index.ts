export * from './bridge';
export * from './channels';
export * from './events';
export * from './schedule';
export * from './schemas';
export * from './storage-schemas';
export * from './updates';
