declare const __AXION_VERSION__: string | undefined;

/** The CLI version; the bundler replaces `__AXION_VERSION__` with the package version. */
export const VERSION: string = typeof __AXION_VERSION__ === "string" ? __AXION_VERSION__ : "0.0.0-dev";
