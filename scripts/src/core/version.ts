declare const __SPEC_VERSION__: string | undefined;
/** Injected by scripts/build.mjs from package.json. */
/** How every tracker request names us. */
export const USER_AGENT = 'spec-cli (+https://github.com/spec-driven/spec)';

export const VERSION: string = typeof __SPEC_VERSION__ === 'string' ? __SPEC_VERSION__ : '0.0.0-dev';
