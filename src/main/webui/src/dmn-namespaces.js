// dmn-js 17 reads and writes DMN 1.3; the service's models are DMN 1.5 (or 1.4). The elements they
// use are the same in all three, so the editor gets the 1.3 namespaces and the file gets its own back.

const DMN13 = '20191111';
const SPEC = /https:\/\/www\.omg\.org\/spec\/DMN\/(\d{8})\/(MODEL|DMNDI|FEEL)\//g;

/** The DMN release date of a model's namespace (20230324 for DMN 1.5), or null for other models. */
export function dmnRelease(xml) {
  const match = /https:\/\/www\.omg\.org\/spec\/DMN\/(\d{8})\/MODEL\//.exec(xml);
  return match ? match[1] : null;
}

export function toEditorNamespaces(xml) {
  return xml.replace(SPEC, (_, __, part) => `https://www.omg.org/spec/DMN/${DMN13}/${part}/`);
}

export function toFileNamespaces(xml, release) {
  if (!release || release === DMN13) return xml;
  return xml.replace(SPEC, (_, __, part) => `https://www.omg.org/spec/DMN/${release}/${part}/`);
}
