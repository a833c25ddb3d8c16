import type { AppContext } from '../../shared/context.js';

export async function deliverWebhook(_ctx: AppContext, _deliveryId: string): Promise<void> {}
