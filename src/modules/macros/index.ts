export { macroRoutes } from './macros.routes.js';
export { placeholders } from './schemas.js';
