/** The package version (test/node/package.test.mjs checks it against package.json). */
export const VERSION: string = '0.1.0';
