/**
 * Video ids and URLs of the supported platforms: parsing with validation,
 * and the embed and watch URLs built from them.
 */
export * from './time.js';
export * from './youtube.js';
export * from './bilibili.js';
export * from './vimeo.js';
