// XML in a normal form for diffs: one element a line, attributes sorted, entities decoded. dmn-js
// writes a model with its own layout and attribute order; compared this way, two versions differ
// only where the model does.

export function normalizeXml(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return text;
  const lines = [];
  const walk = (element, depth) => {
    const indent = '  '.repeat(depth);
    const attributes = [...element.attributes].map(a => `${a.name}="${a.value}"`).sort();
    const open = `${indent}<${[element.tagName, ...attributes].join(' ')}`;
    const children = [...element.children];
    const text = [...element.childNodes].filter(n => n.nodeType === Node.TEXT_NODE || n.nodeType === Node.CDATA_SECTION_NODE)
      .map(n => n.nodeValue).join('').trim();
    if (children.length === 0) {
      lines.push(text ? `${open}>${text}</${element.tagName}>` : `${open}/>`);
      return;
    }
    lines.push(`${open}>${text}`);
    children.forEach(child => walk(child, depth + 1));
    lines.push(`${indent}</${element.tagName}>`);
  };
  walk(doc.documentElement, 0);
  return lines.join('\n') + '\n';
}
