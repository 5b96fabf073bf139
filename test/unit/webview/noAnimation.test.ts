// No animation runs in the chat webview. While the streaming reply's cursor blinked (a stepped CSS animation, of
// visibility or of opacity alike), Chromium drew the keys typed into the composer only when the animation next
// changed, twice a second: the long bench's wait.inputLatencyP99Ms was 496 ms with the blink and 16 ms without.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { filesNamed } from '../../support/filesNamed';

const webviewDir = path.join(process.cwd(), 'src', 'webview-ui');

/** The lines of the webview's sources that start an animation, as `file:line: text`. */
function animations(pattern: RegExp): string[] {
  return filesNamed(webviewDir, /\.(ts|css)$/).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        pattern.test(line) ? [`${path.relative(webviewDir, file)}:${index + 1}: ${line.trim()}`] : [],
      ),
  );
}

describe('the chat webview', () => {
  it('declares no CSS animation', () => {
    assert.deepEqual(animations(/@keyframes|(?:^|[\s;{])animation(?:-name)?\s*:/), []);
  });

  it('uses no spinning codicon, whose class runs an endless animation', () => {
    assert.deepEqual(animations(/modifier-spin|~spin/), []);
  });
});
