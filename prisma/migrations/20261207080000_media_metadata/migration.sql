-- Media library (issue 20): alt text, metadata read at upload, and the original a crop was made from.
ALTER TABLE "Media" ADD COLUMN "alt" TEXT;
ALTER TABLE "Media" ADD COLUMN "width" INTEGER;
ALTER TABLE "Media" ADD COLUMN "height" INTEGER;
ALTER TABLE "Media" ADD COLUMN "durationMs" INTEGER;
ALTER TABLE "Media" ADD COLUMN "videoCodec" TEXT;
ALTER TABLE "Media" ADD COLUMN "audioCodec" TEXT;
ALTER TABLE "Media" ADD COLUMN "sourceMediaId" UUID;
