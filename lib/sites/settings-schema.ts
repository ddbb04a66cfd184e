import { z } from 'zod';
import { CUSTOM_CRM_HOSTS_MAX, TEAM_DOMAINS_MAX, checkCrmHost, checkTeamDomain, type CrmSiteId } from './settings';

/**
 * The schemas of ./settings.ts for the background and the protocol (never imported by content scripts: zod).
 * The rules and their messages are ./settings.ts's, so the page and the background say the same thing.
 */

export const TeamDomain = z
  .string()
  .max(300, 'is too long for a domain name')
  .transform((value, ctx) => {
    const checked = checkTeamDomain(value);
    if (checked.ok) return checked.domain;
    ctx.addIssue({ code: 'custom', message: checked.error });
    return z.NEVER;
  });

/** The whole list, as saved: duplicates dropped, order kept. */
export const TeamDomains = z
  .array(TeamDomain)
  .max(TEAM_DOMAINS_MAX, `holds more than ${TEAM_DOMAINS_MAX} domains`)
  .transform((domains) => [...new Set(domains)]);

export const CrmSite = z.enum(['hubspot', 'salesforce', 'pipedrive'] satisfies CrmSiteId[]);

export const CrmHost = z
  .string()
  .max(300, 'is too long for a host name')
  .transform((value, ctx) => {
    const checked = checkCrmHost(value);
    if (checked.ok) return checked.host;
    ctx.addIssue({ code: 'custom', message: checked.error });
    return z.NEVER;
  });

export const CustomCrmHostSchema = z.object({ site: CrmSite, host: CrmHost });

export const CustomCrmHosts = z.array(CustomCrmHostSchema).max(CUSTOM_CRM_HOSTS_MAX, `holds more than ${CUSTOM_CRM_HOSTS_MAX} hosts`);
