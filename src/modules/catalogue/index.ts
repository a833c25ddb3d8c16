import { subscribe } from '../audit/index.js';
import { onCatalogueTicketEvent } from './on-ticket-event.js';

// The form version and the missing-information check follow every request registration, whatever the
// entry point (HTTP, e-mail, CLI): registered when the module loads.
subscribe(onCatalogueTicketEvent);

export { catalogueRoutes } from './catalogue.routes.js';
export { runMissingInfoJob, askForMissingInformation } from './ask-for-information.js';
export { assertSubmissionMatchesForm } from './validate-submission.js';
export { renderMissingInfoMessage } from './missing-info-message.js';
export * from './form-fields.js';
