-- The calendar read path (docs/performance.md).

-- A jsonb value as JSON.stringify writes the same value once parsed: no spaces after ':' and ',' (jsonb's own text
-- form has them), keys in jsonb's order. Strings and scalars are jsonb's text, which escapes as JSON.stringify does;
-- a number keeps the digits it was stored with (1.50 stays 1.50).
CREATE FUNCTION herald_jsonb_compact(value jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  CASE jsonb_typeof(value)
    WHEN 'object' THEN
      RETURN '{' || COALESCE((SELECT string_agg(to_json(e.key)::text || ':' || herald_jsonb_compact(e.value), ',' ORDER BY e.n)
                                FROM jsonb_each(value) WITH ORDINALITY AS e(key, value, n)), '') || '}';
    WHEN 'array' THEN
      RETURN '[' || COALESCE((SELECT string_agg(herald_jsonb_compact(e.value), ',' ORDER BY e.n)
                                FROM jsonb_array_elements(value) WITH ORDINALITY AS e(value, n)), '') || ']';
    ELSE
      RETURN value::text;
  END CASE;
END;
$$;

-- The calendar's range scan decides on the index alone which rows are roots and not deleted, and which channel
-- they belong to (the heap is then read only for the rows it keeps). Same name and key columns as before.
DROP INDEX "Post_organizationId_publishDate_idx";
CREATE INDEX "Post_organizationId_publishDate_idx" ON "Post" ("organizationId", "publishDate") INCLUDE ("parentPostId", "deletedAt", "integrationId");
