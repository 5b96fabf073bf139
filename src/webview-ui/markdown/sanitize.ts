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

/** Any markup but a span with classes, or its end tag. */
const OTHER_THAN_CLASSED_SPANS = /<(?!span class="[\w -]+">|\/span>)/;

/**
 * Whether `html` is text with no markup but spans that carry classes: the shape of highlight.js's output, which can
 * hold no script, link, image or style, so it may skip DOMPurify (codeSlots.ts). A `<` in the text is escaped by
 * highlight.js, so any tag of another kind, or any other attribute, fails the check.
 */
export function isHighlightMarkup(html: string): boolean {
  return !OTHER_THAN_CLASSED_SPANS.test(html);
}
