/** Escaping of user text (cell values, titles, OPD names) for the HTML and Markdown outputs. */

/** Escapes text for HTML content and attribute values (the HTML reports: validation and weekly audit). */
export function escHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Escapes Markdown/HTML specials in inline text (table cells included): a value cannot break a table, inject
 *  HTML, format text or mention people (`@walidata` gets a zero-width space; `x@1.0.0` is left alone). */
export function mdEscape(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/(^|[^\w])@/g, '$1@\u200b');
}
