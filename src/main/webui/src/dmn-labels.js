// dmn-js speaks English; its labels here become 中文 first, English second, like the rest of the page.
// Strings not listed stay English.

const LABELS = {
  'When': '当 When',
  'And': '且 And',
  'Then': '则 Then',
  'Annotations': '注释 Annotations',
  'Hit policy:': '命中策略 Hit policy:',
  'View DRD': '决策需求图 View DRD',
  'Add input': '添加输入 Add input',
  'Add output': '添加输出 Add output',
  'Add rule': '添加规则 Add rule',
  'Input': '输入 Input',
  'Output': '输出 Output',
  'Delete': '删除 Delete',
  'Input label: ': '输入标签 Input label: ',
  'Input expression: ': '输入表达式 Input expression: ',
  'Expression language:': '表达式语言 Expression language:',
  'Decision name': '决策名称 Decision name',
  'Decision name: ': '决策名称 Decision name: ',
  'Variable name:': '变量名 Variable name:',
  'Variable type:': '变量类型 Variable type:',
  'Input values': '输入取值 Input values',
  'Output values': '输出取值 Output values',
  'Output label': '输出标签 Output label',
  'Output name': '输出名称 Output name',
  'Predefined values': '预设取值 Predefined values',
  'Strings must be in double quotes': '字符串须加双引号 Strings must be in double quotes',
};

function translate(template, replacements = {}) {
  return (LABELS[template] ?? template).replace(/{([^}]+)}/g, (_, key) => replacements[key] ?? `{${key}}`);
}

export const bilingualLabels = { translate: ['value', translate] };
