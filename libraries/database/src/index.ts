export * from './generated/prisma/client';
export * from './migrate';
export * from './prisma-client';
export * from './repositories/accounts.repository';
