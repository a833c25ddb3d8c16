import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';

export async function attachmentRoutes(_app: FastifyInstance, _ctx: AppContext) {}
