/** The URL without its password, to name a database or Redis in messages and logs. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the URL given';
  }
}
