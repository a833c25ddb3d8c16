export { webhookRoutes } from './webhooks.routes.js';
export { dispatchEvent, dispatchEvents } from './dispatch-event.js';
export { deliverWebhook, enqueueDelivery, DELIVERY_RETRY_LIMIT } from './deliver-webhook.js';
export { sign, verifySignature } from './signature.js';
export { webhookPayload, type WebhookPayload } from './schemas.js';
export { webhookFanOut } from './fan-out.js';
