const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * Salesforce ids come as 15 case-sensitive characters (reports, the UI) or 18 case-insensitive ones (API, Data
 * Loader, Lightning URLs). The 18-character form adds one character per 5-character chunk whose bits mark the
 * capitals; storing that form lets a report's id and a Lightning page's id meet.
 */
export function toSalesforceId18(id: string): string {
  if (id.length !== 15) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 15; chunk += 5) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id.charCodeAt(chunk + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return id + suffix;
}
