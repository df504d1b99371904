-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "slots" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "timezone" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "intervalInDays" INTEGER,
ADD COLUMN     "previousOccurrenceId" UUID;

-- CreateTable
CREATE TABLE "Signature" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Signature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PreviewLink" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "group" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tokenCipher" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PreviewLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PreviewComment" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "previewLinkId" UUID NOT NULL,
    "group" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PreviewComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Signature_organizationId_idx" ON "Signature"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "PreviewLink_tokenHash_key" ON "PreviewLink"("tokenHash");

-- CreateIndex
CREATE INDEX "PreviewLink_organizationId_group_idx" ON "PreviewLink"("organizationId", "group");

-- CreateIndex
CREATE INDEX "PreviewComment_organizationId_group_createdAt_idx" ON "PreviewComment"("organizationId", "group", "createdAt");

-- CreateIndex
CREATE INDEX "PreviewComment_previewLinkId_idx" ON "PreviewComment"("previewLinkId");

-- CreateIndex
CREATE UNIQUE INDEX "Post_previousOccurrenceId_key" ON "Post"("previousOccurrenceId");

-- AddForeignKey
ALTER TABLE "Signature" ADD CONSTRAINT "Signature_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreviewLink" ADD CONSTRAINT "PreviewLink_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreviewComment" ADD CONSTRAINT "PreviewComment_previewLinkId_fkey" FOREIGN KEY ("previewLinkId") REFERENCES "PreviewLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written by hand (Prisma's schema cannot say "partial"): the recurring root posts by publication time, for the
-- cron's look for published recurring posts whose next occurrence is missing (core/planning/repeat-series.ts).
CREATE INDEX "Post_recurring_publishedAt_idx" ON "Post"("publishedAt") WHERE "intervalInDays" IS NOT NULL AND "parentPostId" IS NULL;
