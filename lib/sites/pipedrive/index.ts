import { reserveRightEdge } from '../../dom/reserve';
import type { SiteAdapter } from '../contact';
import { detectPipedriveContact, findPipedriveObservedRoot, pipedriveLayoutUnrecognized } from './detect';

/** `extraHosts`: custom hosts (options page) this adapter also serves besides `*.pipedrive.com`. */
export function createPipedriveSite(extraHosts: readonly string[] = []): SiteAdapter {
  return {
    id: 'pipedrive',
    findObservedRoot: findPipedriveObservedRoot,
    layoutUnrecognized: (doc, url) => pipedriveLayoutUnrecognized(doc, url, extraHosts),
    detect: (doc, url) => detectPipedriveContact(doc, url, extraHosts),
    reserveSpace: (doc, widthPx) => reserveRightEdge(doc, widthPx),
  };
}

export const pipedriveSite: SiteAdapter = createPipedriveSite();
