export { knowledgeRoutes } from './knowledge.routes.js';
export { rankArticles, rankingWeights, type SuggestQuery } from './suggest-articles.js';
export { detectLanguage } from './queries.js';
