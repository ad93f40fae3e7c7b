/**
 * onair's public API.
 */
export { build, type BuildInternals } from './build.js';
export { createMarkdownProcessor, type MarkdownProcessor, type ProcessorOptions } from './markdown.js';
export { defineConfig } from './config.js';
export { MemoryWriter, type Writer } from './output/writer.js';
export { FsWriter } from './output/staged-writer.js';
export { formatReport, countMessages } from './report.js';
export type * from './types.js';
export type * from './render/types.js';
