// Why: every sentence a person reads must come from the catalogues, or it stays English
// for everyone. This rule fails on words written straight into what people see: JSX text,
// user-facing JSX attributes (aria-label, title, placeholder, alt…), string literals
// rendered as JSX children, and — in main's shell code — the label/title/body of menus,
// tray, notifications and dialogs. Product names (Odoo Companion, Touch ID…) are allowed.
const JSX_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);
const SHELL_PROPERTIES = new Set(['label', 'title', 'body', 'detail', 'tooltip', 'toolTip', 'credits', 'buttons', 'checkboxLabel', 'subtitle']);
const SHELL_CALLS = new Set(['setToolTip', 'setTitle', 'showErrorBox', 'showMessageBox', 'showMessageBoxSync']);

function makeWords(allow) {
  return (text) => {
    let rest = text;
    for (const name of allow) rest = rest.split(name).join('');
    return /\p{L}/u.test(rest);
  };
}

/** The literal text an expression renders, if any part of it is written in the code. */
function literalTexts(node) {
  if (node === null || node === undefined) return [];
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? [node.value] : [];
    case 'TemplateLiteral':
      return [node.quasis.map((q) => q.value.cooked ?? '').join(' ')];
    case 'ConditionalExpression':
      return [...literalTexts(node.consequent), ...literalTexts(node.alternate)];
    case 'LogicalExpression':
      return literalTexts(node.right);
    case 'ArrayExpression':
      return node.elements.flatMap((e) => literalTexts(e));
    case 'TSAsExpression':
      return literalTexts(node.expression);
    default:
      return [];
  }
}

function rule(mode) {
  return {
    meta: {
      type: 'problem',
      docs: { description: 'User-facing text comes from the i18n catalogues, never a literal.' },
      schema: [{ type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
      messages: { literal: 'User-facing text "{{text}}" is a literal: put it in i18n/en.json and use t(\'key\').' },
    },
    create(context) {
      const words = makeWords(context.options[0]?.allow ?? []);
      const report = (node, text) => context.report({ node, messageId: 'literal', data: { text: text.trim().slice(0, 40) } });
      const check = (node, expression) => {
        for (const text of literalTexts(expression)) if (words(text)) return report(node, text);
      };
      if (mode === 'jsx') {
        return {
          JSXText(node) {
            if (words(node.value)) report(node, node.value);
          },
          JSXAttribute(node) {
            if (node.name.type !== 'JSXIdentifier' || !JSX_ATTRIBUTES.has(node.name.name) || node.value === null) return;
            if (node.value.type === 'Literal') check(node, node.value);
            else if (node.value.type === 'JSXExpressionContainer') check(node, node.value.expression);
          },
          JSXExpressionContainer(node) {
            if (node.parent.type === 'JSXElement' || node.parent.type === 'JSXFragment') check(node, node.expression);
          },
        };
      }
      return {
        Property(node) {
          const key = node.key.type === 'Identifier' ? node.key.name : node.key.type === 'Literal' ? String(node.key.value) : null;
          if (key !== null && SHELL_PROPERTIES.has(key)) check(node, node.value);
        },
        CallExpression(node) {
          const callee = node.callee;
          if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && SHELL_CALLS.has(callee.property.name)) {
            for (const arg of node.arguments) check(node, arg);
          }
        },
      };
    },
  };
}

export default {
  meta: { name: 'companion-i18n' },
  rules: { 'no-literal-jsx-text': rule('jsx'), 'no-literal-shell-text': rule('shell') },
};
