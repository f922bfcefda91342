// What dmn-js would drop. Its DMN 1.3 model (dmn-moddle) does not know some DMN 1.5 elements
// (<conditional>, <for>, <every>, <typeConstraint>…): importXML resolves with a warning for each and
// saveXML writes the model without them. A model with such a warning must not be saved from the editor.
//
// dmn-moddle's warning names the tag and its position but not the element's id, e.g.
//   "unparsable content <typeConstraint> detected\n\tline: 3\n\tcolumn: 65\n\tnested error: unknown type <dmn:TypeConstraint>"
// so the id is read from the start tag at that position of the text that was imported.

const TAG = /unparsable content <([\w.:-]+)/;
const TYPE = /unknown type <([\w.:-]+)>/;
const LINE = /line: (\d+)/;
const COLUMN = /column: (\d+)/;

/** The offset of (1-based) `line`, `column` in `text`. */
function offsetOf(text, line, column) {
  let offset = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + Math.max(0, column - 1);
}

/** The id attribute of the first <tag …> at or after `from` (the position dmn-moddle gives may sit just before it). */
function idOfTag(text, tag, from) {
  const start = new RegExp(`<(?:[\\w-]+:)?${tag.replace(/^[\w-]+:/, '')}[\\s/>]`, 'g');
  start.lastIndex = Math.max(0, from - 1);
  let found = start.exec(text);
  if (!found && from > 0) {
    start.lastIndex = 0;
    found = start.exec(text);
  }
  if (!found) return null;
  const end = text.indexOf('>', found.index);
  const id = /\sid\s*=\s*"([^"]*)"/.exec(text.slice(found.index, end < 0 ? undefined : end));
  return id ? id[1] : null;
}

/**
 * One warning as {element, type, id, line, message}: the tag as written (`typeConstraint`), dmn-js's
 * type (`dmn:TypeConstraint`), its id when it has one, and its line in `xml` (the imported text).
 */
export function describeImportWarning(warning, xml) {
  const message = String(warning?.message ?? warning ?? '');
  const element = TAG.exec(message)?.[1] ?? warning?.element?.$type ?? null;
  const type = TYPE.exec(message)?.[1] ?? warning?.element?.$type ?? null;
  const line = Number(LINE.exec(message)?.[1] ?? 0);
  const column = Number(COLUMN.exec(message)?.[1] ?? 0);
  let id = warning?.element?.id ?? null;
  if (!id && element) id = idOfTag(xml, element, line ? offsetOf(xml, line, column) : 0);
  const summary = element && type ? `unparsable content <${element}>: unknown type <${type}>` : message.split('\n')[0];
  return { element, type, id, line, message: summary };
}

/** "<typeConstraint id="tc1"> (dmn:TypeConstraint), line 3" */
export function nameOf(warning) {
  if (!warning.element) return warning.message;
  return `<${warning.element}${warning.id ? ` id="${warning.id}"` : ''}>${warning.type ? ` (${warning.type})` : ''}${warning.line ? `, line ${warning.line}` : ''}`;
}
