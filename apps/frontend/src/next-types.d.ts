// next-env.d.ts is generated (and git-ignored); these references let `tsc` typecheck a fresh clone.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
