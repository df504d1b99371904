-- The calendar's answer, each post's own part written with the post (docs/performance.md, issue 21).

-- A post's fields of the calendar's answer, from `{"id":` to its settings, in the order and form `toPostListItem`
-- writes them (libraries/core/src/posts/post-queries.use-case.ts): dates as `Date.toISOString()` writes them, text
-- escaped as JSON.stringify escapes it, `settings` the JSON string of the compact settings (`herald_jsonb_compact`,
-- with its exact fast path for settings that have no escaped quote and no ", " before anything but a string).
-- The calendar's query adds the post's tags and channel, which change apart from the post, and the closing brace.
-- IMMUTABLE though `to_char` and `to_json` are only STABLE: they are given text, integers, uuids and a UTC timestamp
-- with a format that names no locale-dependent field, so the result depends on its arguments alone. Its own
-- search_path, so that a restore (pg_dump empties search_path) still finds herald_jsonb_compact and the enums.
CREATE FUNCTION herald_post_calendar_json(id uuid, content text, "publishDate" timestamptz, "releaseURL" text, "releaseId" text,
  state "PostState", "intervalInDays" integer, "group" text, "creationMethod" "CreationMethod", settings jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT '{"id":"' || id::text || '","content":' || to_json(content)::text
      || ',"publishDate":"' || to_char("publishDate" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      || '","releaseURL":' || COALESCE(to_json("releaseURL")::text, 'null')
      || ',"releaseId":' || COALESCE(to_json("releaseId")::text, 'null')
      || ',"state":"' || state::text
      || '","intervalInDays":' || COALESCE("intervalInDays"::text, 'null')
      || ',"group":' || to_json("group")::text
      || ',"creationMethod":"' || "creationMethod"::text
      || '","settings":' || to_json(CASE WHEN settings IS NULL OR jsonb_typeof(settings) = 'null' THEN '{}'
             WHEN strpos(settings::text, '\"') = 0 AND settings::text !~ ', [^"]' THEN replace(replace(settings::text, '": ', '":'), ', "', ',"')
             ELSE herald_jsonb_compact(settings) END)::text
$$;

-- Generated, so every write keeps it right whoever makes it (Prisma, the publishing workers' SQL, a CSV import,
-- recurring copies, a change by hand); not in schema.prisma, so Prisma never reads or writes it. Adding it rewrites
-- the table once (the backfill): every existing post gets its text.
ALTER TABLE "Post" ADD COLUMN "calendarJson" text GENERATED ALWAYS AS (
  herald_post_calendar_json("id", "content", "publishDate", "releaseURL", "releaseId", "state", "intervalInDays", "group", "creationMethod", "settings")
) STORED;
