/** Gmail's web app: mail.google.com/mail/u/<n>/ with the view in the hash. */
export function isGmailApp(url: URL): boolean {
  return url.protocol === 'https:' && url.hostname === 'mail.google.com' && /^\/mail\/(u\/\d+\/)?$/.test(url.pathname);
}

/**
 * The hash names an open conversation when it ends in a thread id after a list or label:
 * `#inbox/FMfcgz…`, `#label/Customers/FMfcgz…`, `#search/pricing/FMfcgz…`, `#sent/1837a…`.
 */
export function isGmailConversationUrl(url: URL): boolean {
  if (!isGmailApp(url)) return false;
  const parts = url.hash.replace(/^#/, '').split('/');
  const last = parts[parts.length - 1] ?? '';
  return parts.length >= 2 && /^[A-Za-z0-9]{16,}$/.test(last);
}
