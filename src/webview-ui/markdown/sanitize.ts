// The last check between rendered markdown and the DOM: DOMPurify keeps only links the host will open and the
// inline images the renderer emits, whatever markup reaches it.
import type { DOMPurify } from 'dompurify';
import { OPENABLE_LINK } from '../../shared/links';

/** The only link targets kept: the schemes the host opens. */
export const LINK_SCHEME = OPENABLE_LINK;
/** The only images shown: raster data: URIs, which load nothing and cannot carry script (an SVG can). */
export const INLINE_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);/i;

const PURIFY_CONFIG = {
  ALLOWED_URI_REGEXP: LINK_SCHEME,
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'textarea',
    'select',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
    // DOMPurify lets these load any data: URI, and a media element can fetch from the network.
    'audio',
    'video',
    'source',
    'track',
    'picture',
  ],
  // URL lists (srcset), posters and backgrounds are loaded as images, yet DOMPurify checks them only as links.
  FORBID_ATTR: ['style', 'srcset', 'poster', 'background'],
};

/** A sanitizer for the renderer's HTML; registers its image rule on `purify`, which should serve only it. */
export function createSanitizer(purify: DOMPurify): (html: string) => string {
  // DOMPurify keeps any data: URI in an image's src, SVG included; only the raster types may stay.
  purify.addHook('uponSanitizeAttribute', (_node, event) => {
    if (event.attrName === 'src' && !INLINE_IMAGE.test(event.attrValue)) event.keepAttr = false;
  });
  return (html) => purify.sanitize(html, PURIFY_CONFIG);
}
