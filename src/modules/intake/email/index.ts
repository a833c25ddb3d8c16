export { startSmtpListener, MAX_RECIPIENTS, type SmtpListener } from './smtp-listener.js';
export { receiveEmail, MessageTooLarge } from './receive-email.js';
export { processInboundEmail } from './process-email.js';
export { sendOutboundEmail, onStaffReply } from './send-email.js';
export { startEmail, registerEmailWorkers } from './register.js';
export { pollImap, imapSettings, type ImapSettings, type PollResult } from './poll-imap.js';
export { renderTemplate, TEMPLATE_NAMES, type TemplateName, type TemplateVars, type TemplateText } from './templates.js';
export { queueNotification, type NotificationInput } from './notify.js';
export { emailRoutes } from './email.routes.js';
