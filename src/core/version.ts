import manifest from '../../package.json';

/** The tool's name and version, as reports and caches print them. */
export const TOOL_NAME = 'tracelens';
export const TOOL_VERSION: string = manifest.version;
export const TOOL_URI = 'https://github.com/tracelens/tracelens';
