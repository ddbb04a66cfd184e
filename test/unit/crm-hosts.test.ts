import { crmContentScript, type CrmContentScript, type ScriptingApi } from '../../lib/background/crm-hosts';
import { createSiteSettings, memoryStore } from '../../lib/background/site-settings';
import type { RequestFn } from '../../lib/messaging/client';
import { REQUESTS, type RequestType } from '../../lib/messaging/protocol';
import { createSiteSettingsModel } from '../../lib/options/site-settings-model';
import { detectPipedriveContact } from '../../lib/sites/pipedrive/detect';
import { createPipedriveSite, pipedriveSite } from '../../lib/sites/pipedrive';
import { isLightningApp, salesforceRecord } from '../../lib/sites/salesforce/urls';
import { hubspotContactRecord } from '../../lib/sites/hubspot/urls';
import { CUSTOM_CRM_HOSTS_KEY, checkCrmHost, customCrmHostsFrom } from '../../lib/sites/settings';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers';

/** `chrome.scripting` as far as Lens uses it, with Chrome's refusal of a duplicate id. */
function fakeScripting() {
  const scripts = new Map<string, CrmContentScript>();
  const api: ScriptingApi = {
    getRegisteredContentScripts: async () => [...scripts.values()].map((s) => structuredClone(s)),
    registerContentScripts: async (list) => {
      for (const s of list) if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      for (const s of list) scripts.set(s.id, structuredClone(s));
    },
    unregisterContentScripts: async ({ ids }) => {
      for (const id of ids) if (!scripts.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
    },
  };
  return { api, scripts };
}

/** Host permissions: granted patterns, plus those a manifest requires (which `remove` refuses, like Chrome). */
function fakePermissions(required: string[] = []) {
  const granted = new Set<string>(required);
  const removed: string[] = [];
  return {
    granted,
    removed,
    api: {
      contains: async (pattern: string) => granted.has(pattern),
      remove: async (pattern: string) => {
        if (required.includes(pattern)) throw new Error('You cannot remove required permissions.');
        removed.push(pattern);
        return granted.delete(pattern);
      },
    },
  };
}

const HOST = 'crm.lumenary-test.example';
const PATTERN = `https://${HOST}/*`;
const add = REQUESTS['crmHosts.add'].payload;
const remove = REQUESTS['crmHosts.remove'].payload;

function setup(options: { required?: string[]; stored?: unknown; stillNeeded?: (p: string) => Promise<boolean> } = {}) {
  const store = memoryStore(options.stored === undefined ? {} : { [CUSTOM_CRM_HOSTS_KEY]: options.stored });
  const scripting = fakeScripting();
  const permissions = fakePermissions(options.required);
  const settings = createSiteSettings({ store, scripting: scripting.api, permissions: permissions.api, stillNeeded: options.stillNeeded });
  return { store, scripting, permissions, settings, handlers: settings.handlers };
}

describe('custom CRM hosts: registration', () => {
  it('saves a host without permission, and registers nothing until the origin is granted', async () => {
    const { handlers, scripting, permissions, settings, store } = setup();
    const view = await handlers['crmHosts.add'](add.parse({ site: 'pipedrive', host: 'https://CRM.lumenary-test.example/person/318' }));
    expect(view).toEqual({ supported: true, hosts: [{ site: 'pipedrive', host: HOST, permission: 'not-granted', active: false }] });
    expect(store.data.get(CUSTOM_CRM_HOSTS_KEY)).toEqual([{ site: 'pipedrive', host: HOST }]);
    expect(scripting.scripts.size).toBe(0);

    // The user answers the prompt: permissions.onAdded → sync.
    permissions.granted.add(PATTERN);
    expect((await settings.sync()).hosts[0]).toMatchObject({ permission: 'granted', active: true });
    expect([...scripting.scripts.values()]).toEqual([
      { id: `lens-crm:pipedrive:${HOST}`, matches: [PATTERN], js: ['content-scripts/pipedrive.js'], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
    // Syncing again (another worker start) changes nothing and does not register twice.
    await settings.sync();
    expect(scripting.scripts.size).toBe(1);
  });

  it('registers at once when the origin is already granted, with the script of the site chosen', async () => {
    const { handlers, scripting } = setup({ required: ['https://login.acme-corp.example/*'] });
    await handlers['crmHosts.add'](add.parse({ site: 'salesforce', host: 'login.acme-corp.example' }));
    expect([...scripting.scripts.values()].map((s) => s.js)).toEqual([['content-scripts/salesforce.js']]);
  });

  it('unregisters at start when the permission was withdrawn in chrome://extensions, and registers again when granted', async () => {
    const { handlers, scripting, permissions, settings } = setup();
    permissions.granted.add(PATTERN);
    await handlers['crmHosts.add'](add.parse({ site: 'hubspot', host: HOST }));
    expect(scripting.scripts.size).toBe(1);
    permissions.granted.delete(PATTERN);
    expect((await settings.sync()).hosts).toEqual([{ site: 'hubspot', host: HOST, permission: 'not-granted', active: false }]);
    expect(scripting.scripts.size).toBe(0);
    permissions.granted.add(PATTERN);
    await settings.sync();
    expect(scripting.scripts.size).toBe(1);
  });

  it('drops registrations whose host is no longer listed, and leaves other scripts alone', async () => {
    const { scripting, settings, permissions } = setup({ stored: [] });
    permissions.granted.add(PATTERN);
    await scripting.api.registerContentScripts([crmContentScript({ site: 'pipedrive', host: HOST })]);
    await scripting.api.registerContentScripts([{ ...crmContentScript({ site: 'pipedrive', host: 'x.example' }), id: 'someone-else' }]);
    await settings.sync();
    expect([...scripting.scripts.keys()]).toEqual(['someone-else']);
  });

  it('removing a host unregisters its script and releases its permission', async () => {
    const { handlers, scripting, permissions, store } = setup();
    permissions.granted.add(PATTERN);
    await handlers['crmHosts.add'](add.parse({ site: 'pipedrive', host: HOST }));
    const view = await handlers['crmHosts.remove'](remove.parse({ host: ` ${HOST.toUpperCase()} ` }));
    expect(view).toEqual({ supported: true, hosts: [] });
    expect(scripting.scripts.size).toBe(0);
    expect(permissions.removed).toEqual([PATTERN]);
    expect(store.data.get(CUSTOM_CRM_HOSTS_KEY)).toEqual([]);
  });

  it('removes a host whose origin the manifest requires (test builds), and keeps an origin the webhook needs', async () => {
    const required = setup({ required: [PATTERN] });
    await required.handlers['crmHosts.add'](add.parse({ site: 'pipedrive', host: HOST }));
    expect(required.scripting.scripts.size).toBe(1);
    await expect(required.handlers['crmHosts.remove']({ host: HOST })).resolves.toEqual({ supported: true, hosts: [] });
    expect(required.scripting.scripts.size).toBe(0);

    const webhook = setup({ stillNeeded: async (p) => p === PATTERN });
    webhook.permissions.granted.add(PATTERN);
    await webhook.handlers['crmHosts.add'](add.parse({ site: 'pipedrive', host: HOST }));
    await webhook.handlers['crmHosts.remove']({ host: HOST });
    expect(webhook.permissions.removed).toEqual([]);
    expect(webhook.permissions.granted.has(PATTERN)).toBe(true);
  });

  it('refuses a duplicate host, an unknown one on removal, and hosts Lens already covers', async () => {
    const { handlers } = setup();
    await handlers['crmHosts.add'](add.parse({ site: 'pipedrive', host: HOST }));
    await expect(handlers['crmHosts.add']({ site: 'hubspot', host: HOST })).rejects.toThrow(`${HOST} is already added for Pipedrive`);
    await expect(handlers['crmHosts.remove']({ host: 'other.example' })).rejects.toThrow('other.example is not in the list');
    const covered = add.safeParse({ site: 'pipedrive', host: 'acme.pipedrive.com' });
    expect(covered.error?.issues[0]?.message).toBe('Lens already works on *.pipedrive.com: no need to add acme.pipedrive.com');
    expect(add.safeParse({ site: 'zoho', host: HOST }).success).toBe(false);
  });

  it('serialises changes: a permission event during an add registers the script once', async () => {
    const { handlers, settings, scripting, permissions } = setup();
    permissions.granted.add(PATTERN);
    await Promise.all([handlers['crmHosts.add'](add.parse({ site: 'pipedrive', host: HOST })), settings.sync(), settings.sync()]);
    expect(scripting.scripts.size).toBe(1);
  });

  it('lists hosts but serves none where the browser cannot register scripts', async () => {
    const store = memoryStore();
    const { handlers } = createSiteSettings({ store, scripting: undefined, permissions: fakePermissions([PATTERN]).api });
    expect(await handlers['crmHosts.add'](add.parse({ site: 'pipedrive', host: HOST }))).toEqual({
      supported: false,
      hosts: [{ site: 'pipedrive', host: HOST, permission: 'granted', active: false }],
    });
  });
});

describe('custom CRM host rules', () => {
  it.each([
    ['crm.example.com', 'crm.example.com'],
    ['https://CRM.Example.com/person/318?tab=1', 'crm.example.com'],
    ['acme.my.salesforce.com', 'acme.my.salesforce.com'],
  ])('accepts %j as %s', (input, host) => expect(checkCrmHost(input)).toEqual({ ok: true, host }));

  it.each([
    ['', 'Enter the host your CRM runs on, such as crm.example.com'],
    ['http://crm.example.com', 'Lens reads CRM pages over https:// only'],
    ['ftp://crm.example.com', 'Enter an https:// address or just the host'],
    ['*.example.com', 'No wildcards: enter the one host your CRM runs on'],
    ['crm.example.com:8443', 'Lens works with CRM hosts on the standard https port only (no :port)'],
    ['crm', 'crm is not a full domain name: add its ending, such as .com'],
    ['app-eu1.hubspot.com', 'Lens already works on *.hubspot.com: no need to add app-eu1.hubspot.com'],
    ['acme.lightning.force.com', 'Lens already works on *.lightning.force.com: no need to add acme.lightning.force.com'],
    ['mail.google.com', 'Lens already works on mail.google.com: no need to add mail.google.com'],
    ['sam@crm.example.com', 'Enter the host your CRM runs on, not an email address'],
  ])('refuses %j: %s', (input, error) => expect(checkCrmHost(input)).toEqual({ ok: false, error }));

  it('reads stored hosts tolerantly in content scripts', () => {
    expect(customCrmHostsFrom([{ site: 'pipedrive', host: HOST }, { site: 'zoho', host: HOST }, { site: 'hubspot' }, null, 'x'])).toEqual([
      { site: 'pipedrive', host: HOST },
    ]);
  });
});

describe('site adapters on a custom host', () => {
  const html = readFileSync(join(ROOT, 'test', 'fixtures', 'pipedrive', '2026-11-20-person.html'), 'utf8');
  const doc = () => new DOMParser().parseFromString(html, 'text/html');
  const url = new URL(`https://${HOST}/person/318`);

  it('detect the person only on the hosts they were told to serve', () => {
    expect(pipedriveSite.detect(doc(), url)).toBeNull();
    expect(createPipedriveSite([HOST]).detect(doc(), url)).toMatchObject({ name: 'Grace Liu', crm: { system: 'pipedrive', id: '318' } });
    expect(createPipedriveSite([HOST]).detect(doc(), new URL('https://other.example/person/318'))).toBeNull();
    expect(createPipedriveSite([HOST]).detect(doc(), new URL(`https://${HOST}/deal/318`))).toBeNull();
    expect(detectPipedriveContact(doc(), new URL(`http://${HOST}/person/318`), [HOST])).toBeNull();
  });

  it('keep their own URL rules for the path', () => {
    expect(salesforceRecord(new URL('https://acme.my.salesforce.com/lightning/r/Contact/003000000000001AAA/view'), ['acme.my.salesforce.com'])).toMatchObject({
      objectType: 'contact',
    });
    expect(isLightningApp(new URL('https://acme.my.salesforce.com/'))).toBe(false);
    expect(hubspotContactRecord(new URL(`https://${HOST}/contacts/123/record/0-1/456`), [HOST])).toEqual({ portalId: '123', id: '456' });
  });
});

describe('options page: custom CRM domains', () => {
  /** A background that answers from the real handlers, after the protocol's parse. */
  function pageWith(granted: boolean) {
    const { handlers, scripting, permissions } = setup();
    if (granted) permissions.granted.add(PATTERN);
    const calls: string[] = [];
    const request = (async (type: RequestType, payload: unknown) => {
      calls.push(type);
      const parsed = REQUESTS[type].payload.parse(payload);
      const handler = (handlers as Record<string, (p: unknown) => Promise<unknown>>)[type];
      if (!handler) throw new Error(`no handler for ${type}`);
      return handler(parsed);
    }) as RequestFn;
    const model = createSiteSettingsModel(request, {
      contains: async (origin) => {
        calls.push(`contains ${origin}`);
        return permissions.granted.has(origin);
      },
      // Like headless Chromium with a gesture: the prompt opens and never settles.
      request: (origin) => {
        calls.push(`request ${origin}`);
        return new Promise<boolean>(() => undefined);
      },
    });
    return { model, calls, scripting };
  }

  it('checks, saves, then asks — never waiting on the prompt — and shows the host waiting for it', async () => {
    const { model, calls, scripting } = pageWith(false);
    await model.load();
    model.hostSite.value = 'pipedrive';
    model.hostDraft.value = HOST;
    await model.addHost();
    expect(calls.filter((c) => !c.startsWith('crmHosts.list') && !c.startsWith('team.'))).toEqual([`contains ${PATTERN}`, 'crmHosts.add', `request ${PATTERN}`]);
    expect(model.crm.value?.hosts).toEqual([{ site: 'pipedrive', host: HOST, permission: 'not-granted', active: false }]);
    expect(model.asking.value.has(HOST)).toBe(true);
    expect(model.hostNotice.value?.text).toContain(`Allow Lens to read ${HOST}`);
    expect(model.hostDraft.value).toBe('');
    expect(scripting.scripts.size).toBe(0);
  });

  it('does not ask when the origin is already granted, and says Lens works there', async () => {
    const { model, calls, scripting } = pageWith(true);
    await model.load();
    model.hostDraft.value = HOST;
    await model.addHost();
    expect(calls.some((c) => c.startsWith('request'))).toBe(false);
    expect(model.hostNotice.value?.text).toBe(`Lens now reads Pipedrive pages on ${HOST}. Reload open tabs there.`);
    expect(scripting.scripts.size).toBe(1);
    await model.removeHost(HOST);
    expect(model.crm.value?.hosts).toEqual([]);
    expect(scripting.scripts.size).toBe(0);
  });

  it('explains a mistake before sending anything', async () => {
    const { model, calls } = pageWith(false);
    model.hostDraft.value = 'http://crm.example.com';
    await model.addHost();
    expect(model.hostError.value).toBe('Lens reads CRM pages over https:// only');
    expect(calls).toEqual([]);
  });

  it('adds and removes team domains, with clear errors', async () => {
    const { model } = pageWith(false);
    await model.load();
    model.domainDraft.value = 'mia@brightwave-agency.example';
    await model.addDomain();
    expect(model.domainError.value).toBe('Enter only the part after @ (brightwave-agency.example)');
    model.domainDraft.value = 'brightwave-agency.example';
    await model.addDomain();
    expect(model.domainError.value).toBeNull();
    expect(model.domains.value).toEqual(['brightwave-agency.example']);
    model.domainDraft.value = 'BRIGHTWAVE-agency.example';
    await model.addDomain();
    expect(model.domainError.value).toBe('brightwave-agency.example is already in the list');
    await model.removeDomain('brightwave-agency.example');
    expect(model.domains.value).toEqual([]);
  });
});
