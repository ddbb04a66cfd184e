export * from './schema';
export * from './db';
export * from './migrations';
export * from './dataset';
export * from './repositories';
export * from './outbox';
