// The port through which the chat streams a reply; the host plugs in the provider, tests a stream they script.
import type { RequestOptions } from '../config/requestOptions';
import type { FinishReason, StreamOptions, TokenUsage } from '../provider';
import type { PromptMessage } from './conversation';

/** The configured options plus what belongs to one reply: its Stop signal, where its warnings and reasoning go. */
export type StreamRequest = RequestOptions & Required<Pick<StreamOptions, 'signal' | 'onWarning' | 'onReasoning'>>;

export interface ReplyStream extends AsyncIterable<string> {
  readonly endReason: 'done' | 'end-of-body' | undefined;
  readonly finishReason?: FinishReason;
  readonly usage?: TokenUsage;
}

export type StreamChat = (messages: PromptMessage[], request: StreamRequest) => ReplyStream;
