// A response body's bytes as text: UTF-8 decoded across reads, with the one byte order mark a stream may start with
// dropped, as the WHATWG event-stream decoding does.
import { isAscii } from 'node:buffer';

const BYTE_ORDER_MARK = 0xfeff;

export class StreamTextDecoder {
  // ignoreBOM keeps every U+FEFF: the TextDecoder may first be needed in the middle of the stream, after reads of
  // plain ASCII, where a U+FEFF is text. The one at the very start of the stream is dropped below instead.
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  private decoderInUse = false;
  private atStart = true;

  /** The text of these bytes; the start of a character split across reads waits for the next read. */
  decode(bytes: Uint8Array): string {
    let text: string;
    // ASCII needs no decoding, and copying it is several times cheaper than a streaming TextDecoder. Once other bytes
    // arrive, every read goes through the TextDecoder, which may hold the start of a character split across reads.
    if (!this.decoderInUse && isAscii(bytes)) {
      text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    } else {
      this.decoderInUse = true;
      text = this.utf8.decode(bytes, { stream: true });
    }
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === BYTE_ORDER_MARK) return text.slice(1);
    }
    return text;
  }

  /** The body ended: an incomplete character left at its end, as U+FFFD. */
  end(): string {
    return this.decoderInUse ? this.utf8.decode() : '';
  }
}
