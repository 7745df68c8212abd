export * from './bridge';
export * from './channels';
export * from './events';
export * from './schemas';
export * from './updates';
