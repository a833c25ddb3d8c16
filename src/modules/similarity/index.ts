export { similarityRoutes } from './similarity.routes.js';
export { registerSimilarityWorkers, onTicketCreated } from './register.js';
export { scanTicket } from './scan-ticket.task.js';
export { findSimilar } from './find-similar.js';
export { maySeeMassOutages } from './policy.js';
export { getMassOutage, listMassOutages } from './mass-outages.js';
export { loadSettings, defaultSettings, type SimilaritySettings } from './settings.js';
