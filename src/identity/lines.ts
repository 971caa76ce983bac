/**
 * Byte streams (a file, a blob out of `git cat-file --batch`) turned into lines for the gitdm
 * readers, chunk by chunk: a file of many megabytes is never held whole as one string.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Feeds UTF-8 chunks to a line reader: `\r\n` or `\n` line ends, a leading byte-order mark dropped. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  private count = 0;

  constructor(private readonly reader: LineReader) {}

  push(chunk: Buffer): void {
    const lines = (this.rest + this.decoder.write(chunk)).split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.emit(line);
  }

  end(): void {
    const tail = this.rest + this.decoder.end();
    this.rest = '';
    if (tail !== '') this.emit(tail);
    this.reader.end();
  }

  private emit(raw: string): void {
    this.count++;
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.count === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    this.reader.line(line, this.count);
  }
}

/** Streams a file into a line reader. */
export async function readFileLines(file: string, reader: LineReader): Promise<void> {
  const splitter = new LineSplitter(reader);
  for await (const chunk of createReadStream(file)) splitter.push(chunk as Buffer);
  splitter.end();
}

/** What reads a gitdm file: its lines in order, then the end. */
export interface LineReader {
  /** One line (1-based `line`), without its line break. */
  line(raw: string, line: number): void;
  end(): void;
}

/** Feeds a whole text to a line reader, split as a file is (LineSplitter). */
export function feedText(text: string, reader: LineReader): void {
  const splitter = new LineSplitter(reader);
  splitter.push(Buffer.from(text, 'utf8'));
  splitter.end();
}
