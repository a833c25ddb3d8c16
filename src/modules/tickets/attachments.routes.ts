import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { ticketKeyParams } from '../../http/request.js';
import { AppError } from '../../shared/errors.js';
import { requireActor } from '../../http/auth.js';
import { assertAllowedType, fileNameSchema, uploadAttachment, type Attachment } from './upload-attachment.js';
import { downloadAttachment, listAttachments } from './download-attachment.js';


const attachmentView = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string().describe('as sent at upload, without parameters'),
  sizeBytes: z.number().int(),
  sha256: z.string().describe('hex SHA-256 of the bytes; also the ETag of the download'),
  visibility: z.enum(['public', 'internal']),
  messageId: z.uuid().nullable().describe('the message the file belongs to, if any'),
  createdAt: z.date(),
});

const present = (a: Attachment): z.infer<typeof attachmentView> => ({
  id: a.id,
  fileName: a.file_name,
  contentType: a.content_type,
  sizeBytes: a.size_bytes,
  sha256: a.sha256,
  visibility: a.visibility,
  messageId: a.message_id,
  createdAt: a.created_at,
});

/** RFC 6266 with an RFC 5987 `filename*` for non-ASCII names and a plain fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The blob store destroys its source on failure, and destroying a half-read request kills the socket
 * before the 413 can be sent. Reading through a PassThrough keeps the request alive; an aborted request
 * still fails the copy so the temporary file is removed.
 */
function detach(body: Readable): PassThrough {
  const copy = new PassThrough();
  body.on('error', (err) => copy.destroy(err));
  body.on('close', () => {
    if (!body.readableEnded) copy.destroy(new AppError('MALFORMED_BODY', 'The upload was interrupted'));
  });
  body.pipe(copy);
  return copy;
}

export async function attachmentRoutes(app: FastifyInstance, ctx: AppContext) {
  // Encapsulated: the raw-stream parser below must not replace the JSON parser of the other routes.
  await app.register(async (scoped) => {
    const r = scoped.withTypeProvider<ZodTypeProvider>();
    const tags = ['attachments'];

    // Any type reaches the route as the untouched request stream (JSON files included); nothing is
    // buffered. The allow-list and a declared Content-Length are checked before a byte is read.
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', (req: FastifyRequest, payload, done) => {
      try {
        assertAllowedType(ctx.config, req.headers['content-type']);
        const declared = Number(req.headers['content-length']);
        if (declared > req.routeOptions.bodyLimit) {
          throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${req.routeOptions.bodyLimit} bytes`, {
            maxBytes: req.routeOptions.bodyLimit,
          });
        }
      } catch (err) {
        done(err as Error, undefined);
        return;
      }
      done(null, payload);
    });

    r.post(
      '/tickets/:key/attachments',
      {
        bodyLimit: ctx.config.attachmentMaxBytes,
        // Before the body parser, so an anonymous caller learns nothing about accepted types or sizes.
        onRequest: async (req) => {
          requireActor(req);
        },
        schema: {
          tags,
          summary: 'Upload a file: the raw bytes as the body, its type as Content-Type (413 over the size limit, 415 for other types)',
          params: ticketKeyParams,
          querystring: z.object({
            fileName: fileNameSchema.describe('shown to downloaders; no path separators or control characters, at most 255 characters'),
            visibility: z.enum(['public', 'internal']).default('public').describe('internal files are for staff only'),
            messageId: z.uuid().optional().describe('attach to this message of the request'),
          }),
          response: { 201: attachmentView },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const body = req.body;
        if (!(body instanceof Readable)) {
          throw new AppError('VALIDATION_FAILED', 'Send the file as the request body', [{ field: 'body', message: 'required' }]);
        }
        const source = detach(body);
        let a: Attachment;
        try {
          a = await uploadAttachment(ctx, actor, req.params.key, { ...req.query, contentType: req.headers['content-type'] ?? '' }, source);
        } catch (err) {
          body.unpipe(source);
          source.destroy();
          // The client may still be sending; keeping the connection would mean reading the rest for nothing.
          if (!body.readableEnded) reply.header('connection', 'close');
          throw err;
        }
        return reply.status(201).send(present(a));
      },
    );

    r.get(
      '/tickets/:key/attachments',
      {
        schema: {
          tags,
          summary: 'Files of the request, oldest first (internal ones for staff only)',
          params: ticketKeyParams,
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(200).default(100),
            cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
          }),
          response: { 200: z.object({ items: z.array(attachmentView), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => {
        const page = await listAttachments(ctx, requireActor(req), req.params.key, req.query);
        return { items: page.items.map(present), nextCursor: page.nextCursor };
      },
    );

    r.get(
      '/tickets/:key/attachments/:id',
      {
        schema: {
          tags,
          summary: 'Download a file: the stored bytes with their type; ETag is the SHA-256',
          params: ticketKeyParams.extend({ id: z.uuid() }),
        },
      },
      async (req, reply) => {
        const { attachment: a, open } = await downloadAttachment(ctx, requireActor(req), req.params.key, req.params.id);
        const etag = `"${a.sha256}"`;
        reply.header('etag', etag);
        reply.header('cache-control', 'private, no-cache');
        reply.header('x-content-type-options', 'nosniff');
        if (req.headers['if-none-match'] === etag) return reply.status(304).send();
        const stream = await open();
        // Uploaded bytes are untrusted: never rendered as a page of ours, even if a browser is talked into it.
        reply.header('content-security-policy', "default-src 'none'; sandbox");
        reply.header('content-disposition', contentDisposition(a.file_name));
        reply.header('content-length', a.size_bytes);
        // Set as stored; reply.type() would append a charset to some types.
        reply.header('content-type', a.content_type);
        return reply.send(stream);
      },
    );
  });
}
