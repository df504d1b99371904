export interface FieldSpec {
  name: string;
  modifiers: Record<string, string>;
  sub: FieldSpec[];
}

/** Parses Graph field expressions: `id,name,picture.type(large),instagram_business_account{id,username}`. */
export function parseFields(raw: string | null | undefined): FieldSpec[] | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return [];
  let pos = 0;
  const s = raw.replace(/\s+/g, '');
  const list = (): FieldSpec[] | undefined => {
    const out: FieldSpec[] = [];
    for (;;) {
      const m = /^[A-Za-z0-9_]+/.exec(s.slice(pos));
      if (!m) return undefined;
      pos += m[0].length;
      const spec: FieldSpec = { name: m[0], modifiers: {}, sub: [] };
      while (s[pos] === '.') {
        const mod = /^\.([A-Za-z_]+)\(([^()]*)\)/.exec(s.slice(pos));
        if (!mod) return undefined;
        spec.modifiers[mod[1] ?? ''] = mod[2] ?? '';
        pos += mod[0].length;
      }
      if (s[pos] === '{') {
        pos += 1;
        const sub = list();
        if (!sub || s[pos] !== '}') return undefined;
        pos += 1;
        spec.sub = sub;
      }
      out.push(spec);
      if (s[pos] !== ',') return out;
      pos += 1;
    }
  };
  const result = list();
  return result && pos === s.length ? result : undefined;
}

/** Picks the requested fields from a node; returns the first unknown field name if any. */
export function selectFields(
  specs: FieldSpec[],
  resolvers: Record<string, (spec: FieldSpec) => unknown>,
  defaults: string[],
): { ok: true; value: Record<string, unknown> } | { ok: false; unknown: string } {
  const chosen = specs.length ? specs : defaults.map((name) => ({ name, modifiers: {}, sub: [] }));
  const value: Record<string, unknown> = {};
  for (const spec of chosen) {
    const resolve = resolvers[spec.name];
    if (!resolve) return { ok: false, unknown: spec.name };
    const v = resolve(spec);
    if (v !== undefined) value[spec.name] = v;
  }
  // Graph always answers a node's id, requested or not.
  if (!('id' in value) && resolvers.id) value.id = resolvers.id({ name: 'id', modifiers: {}, sub: [] });
  return { ok: true, value };
}
