-- When the last publish attempt's requests could last have reached the platform: set when the post becomes
-- UNCONFIRMED (by the worker that got no answer, or when its lease ran out). "Not found on the platform" proves
-- nothing until the platform has had time to show what arrived by then (docs/architecture.md §5, "Exactly once").
ALTER TABLE "Post" ADD COLUMN "attemptEndedAt" TIMESTAMPTZ(3);
