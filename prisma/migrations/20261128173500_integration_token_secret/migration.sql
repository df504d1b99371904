-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "publishBlockedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "tokenSecret" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "attemptStartedAt" TIMESTAMPTZ(3),
ADD COLUMN     "notBefore" TIMESTAMPTZ(3),
ADD COLUMN     "outcomeChecks" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "outcomeHint" JSONB;

-- CreateIndex
CREATE INDEX "Post_state_leaseExpiresAt_idx" ON "Post"("state", "leaseExpiresAt");

