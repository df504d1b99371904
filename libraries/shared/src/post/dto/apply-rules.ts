// The DTOs take their class-validator and class-transformer decorators as function calls, not `@` syntax. Both
// libraries ship legacy (experimentalDecorators) decorators, while the frontend compiles this package with
// standard decorators; called as functions they register the same metadata under either compiler, so Nest's
// ValidationPipe and the browser see one set of rules.

type Rules<T> = { [K in keyof T]?: readonly PropertyDecorator[] };

type ReflectWithMetadata = { getMetadata?: (key: unknown, target: object, property?: string | symbol) => unknown };

/**
 * class-transformer's `Type` reads `design:type` through `Reflect.getMetadata`, which exists only once the
 * reflect-metadata polyfill is loaded (Nest loads it; browsers and plain Node do not). Every `Type` here names
 * its class explicitly, so the reflected type is never needed: while registering, a missing `getMetadata`
 * answers "unknown", and the global is restored right after, so nothing leaks out of this module.
 */
function withReflectFallback(register: () => void): void {
  const reflect = Reflect as unknown as ReflectWithMetadata;
  if (typeof reflect.getMetadata === 'function') return register();
  reflect.getMetadata = () => undefined;
  try {
    register();
  } finally {
    delete reflect.getMetadata;
  }
}

export function applyRules<T extends object>(dto: abstract new () => T, rules: Rules<T>): void {
  withReflectFallback(() => {
    for (const [property, decorators] of Object.entries<readonly PropertyDecorator[] | undefined>(rules)) {
      for (const decorate of decorators ?? []) decorate(dto.prototype as object, property);
    }
  });
}
