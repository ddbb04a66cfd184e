import { buildAccountView, sameCompany } from '../../lib/engine/account';
import { DEMO_NOW, demoDataset } from './helpers';

const data = demoDataset();

describe('account view', () => {
  it('lists the people at a company by score, and the campaigns that reached them, newest first', () => {
    const records = data.contacts
      .filter((c) => sameCompany(c.company, 'northwind logistics, inc.'))
      .map((contact) => ({ contact, events: data.events.filter((e) => e.contactId === contact.id) }));
    const view = buildAccountView({ company: 'Northwind Logistics', records, campaigns: new Map(data.campaigns.map((c) => [c.id, c])), sla: data.sla, now: DEMO_NOW });
    expect(view.people).toHaveLength(5);
    expect(view.people[0]).toMatchObject({ name: 'Dana Whitfield', stage: { id: 'mql', label: 'MQL' }, fitGrade: 'A' });
    const scores = view.people.map((p) => p.score);
    expect(scores).toEqual(scores.toSorted((a, b) => b - a));
    const lasts = view.campaigns.map((c) => c.lastAt);
    expect(lasts).toEqual(lasts.toSorted().toReversed());
    expect(view.campaigns.find((c) => c.name === 'Webinar: Forecasting Without Spreadsheets')).toMatchObject({ people: 1 });
  });

  it('matches company names as people write them', () => {
    expect(sameCompany('Northwind Logistics', 'NORTHWIND LOGISTICS LLC')).toBe(true);
    expect(sameCompany('Northwind Logistics', 'Northwind Freight')).toBe(false);
    expect(sameCompany(undefined, 'Northwind')).toBe(false);
  });
});
