export { startSmtpListener, MAX_RECIPIENTS, type SmtpListener } from './smtp-listener.js';
export { receiveEmail, MessageTooLarge } from './receive-email.js';
export { processInboundEmail } from './process-email.js';
export { sendOutboundEmail, onStaffReply } from './send-email.js';
export { startEmail, registerEmailWorkers } from './register.js';
