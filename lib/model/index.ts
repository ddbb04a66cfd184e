export * from './common';
export * from './contact';
export * from './marketing';
export * from './identity';
export * from './feedback';
export * from './dataset';
export * from './delivery';
export * from './scoring';
