import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AppContext } from '../../../shared/context.js';
import { MessageTooLarge, receiveEmail } from './receive-email.js';

export const MAX_RECIPIENTS = 100;

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

type SmtpError = Error & { responseCode?: number };

const smtpError = (code: number, message: string): SmtpError => Object.assign(new Error(message), { responseCode: code });

/**
 * The built-in inbound SMTP listener. It answers 250 only after the message and its processing job are
 * committed (receiveEmail), so an accepted message is never lost; anything else gets a 4xx/5xx the
 * sending server turns into a retry or a bounce.
 */
export async function startSmtpListener(ctx: AppContext, opts: { host: string; port: number; log?: (msg: string, extra: Record<string, unknown>) => void }): Promise<SmtpListener> {
  const log = opts.log ?? (() => {});
  const server = new SMTPServer({
    name: 'tierdesk',
    banner: 'tierdesk support desk',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: ctx.config.emailMaxBytes,
    logger: false,
    onRcptTo(_address, session: SMTPServerSession, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
        callback(smtpError(452, `Too many recipients: at most ${MAX_RECIPIENTS} per message`));
        return;
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const mailFrom = session.envelope.mailFrom;
      receiveEmail(ctx, stream, {
        remoteAddress: session.remoteAddress || null,
        mailFrom: mailFrom ? mailFrom.address : null,
        rcptTo: session.envelope.rcptTo.map((r) => r.address),
      }).then(
        (r) => callback(null, `Message accepted as ${r.id}`),
        (err: unknown) => {
          if (err instanceof MessageTooLarge) {
            callback(smtpError(552, `Message too large: the limit is ${err.maxBytes} bytes; nothing was stored`));
            return;
          }
          log('inbound e-mail could not be stored', { err: err instanceof Error ? err.message : String(err) });
          // 451: temporary, so the sending server retries instead of bouncing.
          callback(smtpError(451, 'Temporary failure storing the message, try again later'));
        },
      );
    },
  });
  server.on('error', (err) => log('smtp listener error', { err: err.message }));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
