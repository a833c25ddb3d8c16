import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { AppError } from './errors.js';

export interface StoredBlob {
  key: string;
  sizeBytes: number;
  sha256: string;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}$/;

/**
 * Content-addressed file store on local disk. Writes stream through a hash into a temporary file and land
 * by atomic rename, so a reader never sees half a file and a crash leaves only a temporary file behind.
 * Nothing is ever held in memory beyond one chunk.
 */
export class BlobStore {
  constructor(private readonly root: string) {
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  }

  /**
   * Stores the stream; rejects with PAYLOAD_TOO_LARGE as soon as it passes maxBytes. Like `pipeline`,
   * it destroys `source` on failure — hand it a stream you can afford to lose (not a live request).
   */
  async put(source: Readable, maxBytes: number): Promise<StoredBlob> {
    const tmp = path.join(this.root, 'tmp', crypto.randomUUID());
    const hash = crypto.createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > maxBytes) {
          cb(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes`, { maxBytes }));
          return;
        }
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      // `flush` fsyncs before close: the rename below only makes the name durable, the bytes must be on disk first.
      await pipeline(source, meter, fs.createWriteStream(tmp, { flags: 'wx', flush: true }));
      const sha256 = hash.digest('hex');
      const key = `${sha256.slice(0, 2)}/${sha256}`;
      const dest = path.join(this.root, key);
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      // Same content, same name: replacing an existing copy is harmless and keeps the rename atomic.
      await fsp.rename(tmp, dest);
      await syncDir(path.dirname(dest));
      return { key, sizeBytes: size, sha256 };
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  /** A stream of the stored bytes. The file is opened before returning, so a missing blob fails here, not mid-response. */
  async open(key: string): Promise<Readable> {
    if (!KEY.test(key)) throw new AppError('ATTACHMENT_NOT_FOUND', 'Attachment not found');
    const stream = fs.createReadStream(path.join(this.root, key));
    try {
      await new Promise<void>((resolve, reject) => {
        stream.once('ready', () => resolve());
        stream.once('error', reject);
      });
      return stream;
    } catch (err) {
      stream.destroy();
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        // A row without its bytes is data loss, not a client mistake: answer 500 and log it.
        throw new AppError('INTERNAL', 'The file is missing from storage', undefined, `blob ${key} is missing on disk`);
      }
      throw err;
    }
  }
}

/** A rename is durable only once its directory entry is flushed. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
