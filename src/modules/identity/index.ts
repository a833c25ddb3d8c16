export { type Actor, isStaff, isManager, isAdmin, loadActor } from './actor.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { login, logout } from './login.js';
export { createApiToken, revokeApiToken, listApiTokens } from './api-tokens.js';
