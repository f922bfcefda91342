// Drools DRL for CodeMirror 6: keywords, strings, comments, @annotations, numbers, $bindings.
import { StreamLanguage } from '@codemirror/language';

const KEYWORDS = new Set([
  'package', 'import', 'global', 'rule', 'when', 'then', 'end', 'salience', 'not', 'exists', 'forall',
  'accumulate', 'from', 'collect', 'eval', 'modify', 'insert', 'insertLogical', 'retract', 'delete', 'update',
  'function', 'query', 'declare', 'extends', 'dialect', 'enabled', 'in', 'matches', 'memberOf', 'contains',
  'soundslike', 'over', 'and', 'or', 'new', 'attributes', 'unit', 'init', 'action', 'reverse', 'result',
]);
const ATOMS = new Set(['true', 'false', 'null', 'this']);
// Attributes written with hyphens, tried before plain words so that "no-loop" is one keyword.
const HYPHENATED = /^(?:no-loop|lock-on-active|agenda-group|activation-group|ruleflow-group|date-effective|date-expires|auto-focus|entry-point)\b/;

export const drlLanguage = StreamLanguage.define({
  name: 'drl',
  startState: () => ({ inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.match(/^.*?\*\//)) {
        state.inComment = false;
      } else {
        stream.skipToEnd();
      }
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('//') || stream.match('#')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match('/*')) {
      state.inComment = !stream.match(/^.*?\*\//);
      if (state.inComment) stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^'\\]|\\.)*'?/)) return 'string';
    if (stream.match(/^@[\w.]+/)) return 'meta';
    if (stream.match(/^\d+(?:\.\d+)?[BbIiLlDdFf]?/)) return 'number';
    if (stream.match(HYPHENATED)) return 'keyword';
    if (stream.match(/^\$[\w$]*/)) return 'variableName';
    const word = stream.match(/^[A-Za-z_][\w]*/);
    if (word) {
      if (KEYWORDS.has(word[0])) return 'keyword';
      if (ATOMS.has(word[0])) return 'atom';
      return /^[A-Z]/.test(word[0]) ? 'typeName' : 'propertyName';
    }
    if (stream.match(/^(?:==|!=|<=|>=|&&|\|\||[-+*\/%<>!=:])/)) return 'operator';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
});
