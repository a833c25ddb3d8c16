import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { AppError } from './errors.js';

export interface StoredBlob {
  key: string;
  sizeBytes: number;
  sha256: string;
}

/** Content-addressed file store on local disk. Writes stream through a hash and land by atomic rename. */
export class BlobStore {
  constructor(private readonly root: string) {
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  }

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
      await pipeline(source, meter, fs.createWriteStream(tmp, { flags: 'wx' }));
      // Truncated multipart streams end without an error; the caller checks `truncated` too.
      const sha256 = hash.digest('hex');
      const key = `${sha256.slice(0, 2)}/${sha256}`;
      const dest = path.join(this.root, key);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      const fd = fs.openSync(tmp, 'r');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(tmp, dest);
      return { key, sizeBytes: size, sha256 };
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }

  open(key: string): Readable {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new AppError('ATTACHMENT_NOT_FOUND', 'Attachment not found');
    return fs.createReadStream(path.join(this.root, key));
  }
}
