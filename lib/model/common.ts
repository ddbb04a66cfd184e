import { z } from 'zod';

/** Identifiers inside Lens's own data: short, printable, stable across imports. */
export const Id = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[\w.:-]+$/, 'may hold only letters, digits and . _ : -');

/** Stored lower-cased so lookups by any spelling of an address agree. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'is not an email address' }));

export const IsoDateTime = z.iso.datetime({ offset: true, message: 'is not an ISO 8601 date-time' });

/** Only http(s) URLs ever become links in the UI. */
export const HttpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

export const ShortText = z.string().trim().max(300, 'must be at most 300 characters');
