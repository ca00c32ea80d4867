// COPY TO / FROM: the statement handler for sessions (cells and .cql files) and the explorer's table commands.

import type { Services } from '../services.js';
import { registerCopyCommands } from './copyCommands.js';

export { copyStatementHandler } from './copyHandler.js';

export function registerCopy(services: Services): void {
  services.context.subscriptions.push(...registerCopyCommands(services, services.logger('copy')));
}
