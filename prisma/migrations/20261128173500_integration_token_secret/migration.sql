-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "tokenSecret" TEXT;
