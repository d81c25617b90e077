declare const __SPEC_VERSION__: string | undefined;
/** Injected by scripts/build.mjs from package.json. */
export const VERSION: string = typeof __SPEC_VERSION__ === 'string' ? __SPEC_VERSION__ : '0.0.0-dev';
