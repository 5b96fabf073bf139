// Export as Markdown: the readable body, the front matter that says where the chat came from (with no credentials),
// each reply's details, and a reply's reasoning folded away before its answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addReply, addUserMessage, createConversation, type Conversation } from '../../../src/chat/conversation';
import {
  conversationToMarkdown,
  withoutCredentials,
  type ExportFrontMatter,
  type ExportProvenance,
} from '../../../src/chat/markdownExport';

const PROVENANCE: ExportProvenance = {
  extensionVersion: '1.2.3',
  protocol: 'openai-compatible',
  baseUrl: 'https://alice:s3cret-pass@llm.example.com:8443/v1?api-key=sk-query-secret&api-version=2024-06-01#frag',
  model: 'qwen2.5-coder',
  temperature: 0.2,
  extraBody: { max_tokens: 512 },
};

function frontMatter(markdown: string): ExportFrontMatter {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  assert.ok(match, markdown.slice(0, 200));
  return JSON.parse(match[1]) as ExportFrontMatter;
}

function body(markdown: string): string {
  return markdown.slice(markdown.indexOf('\n---\n') + '\n---\n'.length);
}

function failedExchange(): Conversation {
  const conversation = createConversation(Date.UTC(2025, 0, 2, 3, 4, 5));
  addUserMessage(conversation, 'What is 2+2?', Date.UTC(2025, 0, 2, 3, 4, 6));
  const reply = addReply(conversation, Date.UTC(2025, 0, 2, 3, 4, 7, 250));
  reply.text = 'It is';
  reply.status = 'error';
  reply.error = { kind: 'network', message: 'The connection dropped.' };
  return conversation;
}

describe('export as Markdown', () => {
  it('writes each speaker under a heading, the text verbatim, and marks a reply that did not finish', () => {
    assert.equal(
      body(conversationToMarkdown(failedExchange())),
      [
        '',
        '# What is 2+2?',
        '',
        '<!-- vitalentum-export 1 -->',
        '## You',
        '',
        'What is 2+2?',
        '',
        '<!-- vitalentum-export 2 -->',
        '## Vitalentum',
        '',
        'It is',
        '',
        '_(failed: The connection dropped.)_',
        '',
        '<!-- vitalentum-export end -->',
        '',
      ].join('\n'),
    );
  });

  it('opens with a front matter naming the extension, protocol, base URL, model, temperature and extra body', () => {
    const markdown = conversationToMarkdown(failedExchange(), PROVENANCE);
    const header = frontMatter(markdown);
    assert.equal(header.format, 'ask-vitalentum-chat');
    assert.equal(header.version, 1);
    assert.equal(header.extensionVersion, '1.2.3');
    assert.equal(header.protocol, 'openai-compatible');
    assert.equal(header.baseUrl, 'https://llm.example.com:8443/v1?api-key=***&api-version=2024-06-01');
    assert.equal(header.model, 'qwen2.5-coder');
    assert.equal(header.temperature, 0.2);
    assert.deepEqual(header.extraBody, { max_tokens: 512 });
    assert.equal(header.title, 'What is 2+2?');
    assert.equal(header.createdAt, '2025-01-02T03:04:05.000Z');
    for (const secret of ['alice', 's3cret-pass', 'sk-query-secret', 'frag']) {
      assert.ok(!markdown.includes(secret), `the export shows "${secret}"`);
    }
  });

  it('gives each reply its start, duration, finish reason, token usage and error', () => {
    const conversation = failedExchange();
    const reply = conversation.messages[1];
    reply.stats = {
      protocol: 'openai-compatible',
      model: 'qwen2.5-coder',
      firstChunkMs: 120,
      durationMs: 2345,
      chunks: 17,
      chars: 5,
      finishReason: 'length',
      promptTokens: 31,
      completionTokens: 64,
    };
    const [question, answer] = frontMatter(conversationToMarkdown(conversation, PROVENANCE)).messages;
    assert.deepEqual(question, { role: 'user', status: 'complete', startedAt: '2025-01-02T03:04:06.000Z' });
    assert.equal(answer.startedAt, '2025-01-02T03:04:07.250Z');
    assert.deepEqual(answer.stats, reply.stats);
    assert.deepEqual(answer.error, { kind: 'network', message: 'The connection dropped.' });
  });

  it('folds a reply’s reasoning into a Thinking block before its answer', () => {
    const conversation = createConversation(1);
    addUserMessage(conversation, 'Why?', 2);
    const reply = addReply(conversation, 3);
    reply.status = 'complete';
    reply.reasoning = { text: 'The user asks why.\n\nLet me think.', durationMs: 812 };
    reply.text = 'Because.';
    const markdown = conversationToMarkdown(conversation);
    assert.ok(
      body(markdown).includes(
        [
          '## Vitalentum',
          '',
          '<details><summary>Thinking</summary>',
          '',
          '<!-- vitalentum-export 2 thinking -->',
          'The user asks why.',
          '',
          'Let me think.',
          '',
          '</details>',
          '',
          '<!-- vitalentum-export 2 answer -->',
          'Because.',
          '',
        ].join('\n'),
      ),
      markdown,
    );
    assert.deepEqual(frontMatter(markdown).messages[1].reasoning, { durationMs: 812 });
  });

  it('picks marker lines that occur in no message, so no text can pass for one', () => {
    const conversation = createConversation(1);
    addUserMessage(conversation, 'Look: <!-- vitalentum-export end --> and vitalentum-export-1', 2);
    const markdown = conversationToMarkdown(conversation);
    assert.equal(frontMatter(markdown).boundary, 'vitalentum-export-2');
    assert.ok(markdown.endsWith('<!-- vitalentum-export-2 end -->\n'));
  });

  it('strips credentials from every part of a base URL and keeps the rest', () => {
    assert.equal(withoutCredentials('http://localhost:11434'), 'http://localhost:11434');
    assert.equal(withoutCredentials('http://user@localhost:8080/'), 'http://localhost:8080');
    assert.equal(withoutCredentials(' https://u:p@host/proxy/v1 '), 'https://host/proxy/v1');
    assert.equal(withoutCredentials('https://host/v1?key=abc&key=def&token=t'), 'https://host/v1?key=***&token=***');
    assert.equal(
      withoutCredentials('https://host/openai?API-Version=2024-06-01'),
      'https://host/openai?API-Version=2024-06-01',
    );
    assert.equal(withoutCredentials('not a url'), undefined);
    const header = frontMatter(conversationToMarkdown(failedExchange(), { ...PROVENANCE, baseUrl: 'nonsense' }));
    assert.equal('baseUrl' in header, false);
  });
});
