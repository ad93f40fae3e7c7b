/**
 * `{{% comment %}} … {{% /comment %}}` (Hugo 0.137): renders nothing. Its
 * content is never parsed, so a shortcode in it is neither expanded nor
 * checked (Hugo still runs those) and a video in it joins no video list.
 */
import type { ShortcodeHandler } from '../types.js';

/** The `comment` shortcode. */
export const comment: ShortcodeHandler = () => undefined;
comment.paired = true;
comment.inner = 'raw';
