export * from './generated/prisma/client';
export * from './migrate';
export * from './prisma-client';
