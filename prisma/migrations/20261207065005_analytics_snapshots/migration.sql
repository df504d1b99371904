-- CreateTable
CREATE TABLE "AnalyticsSnapshot" (
    "objectId" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "integrationId" UUID NOT NULL,
    "postId" UUID,
    "collectedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AnalyticsSnapshot_pkey" PRIMARY KEY ("objectId","metric","day")
);

-- CreateIndex
CREATE INDEX "AnalyticsSnapshot_integrationId_day_idx" ON "AnalyticsSnapshot"("integrationId", "day");

-- CreateIndex
CREATE INDEX "AnalyticsSnapshot_postId_collectedAt_idx" ON "AnalyticsSnapshot"("postId", "collectedAt");

-- CreateIndex
CREATE INDEX "AnalyticsSnapshot_day_idx" ON "AnalyticsSnapshot"("day");

-- AddForeignKey
ALTER TABLE "AnalyticsSnapshot" ADD CONSTRAINT "AnalyticsSnapshot_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalyticsSnapshot" ADD CONSTRAINT "AnalyticsSnapshot_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;
