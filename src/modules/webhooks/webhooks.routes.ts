import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';

export async function webhookRoutes(_app: FastifyInstance, _ctx: AppContext) {}
