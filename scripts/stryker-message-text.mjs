// A Stryker ignorer: mutants inside the literal text of an error message are not counted.
// Rewording "The request is too large." into "" changes no decision the security core
// makes; the codes, details and the values woven into a message stay mutated. Covers:
//   new SomeError('text'), new AppError(code, 'text', …), and `message: 'text'` properties;
// text is a string or template literal, or such literals joined with `+`.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const REASON = 'message text only (see stryker.config.mjs)';

function isText(node) {
  if (node === null || node === undefined) return false;
  if (node.type === 'StringLiteral') return true;
  if (node.type === 'TemplateLiteral') return node.expressions.every((e) => e.type === 'Identifier' || e.type === 'MemberExpression');
  if (node.type === 'BinaryExpression' && node.operator === '+') return isText(node.left) && isText(node.right);
  return false;
}

function messageArgumentIndex(callee) {
  if (callee.type !== 'Identifier' || !callee.name.endsWith('Error')) return -1;
  // AppError(code, message, details?, options?); the others take the message first.
  return callee.name === 'AppError' ? 1 : 0;
}

export const messageTextIgnorer = {
  shouldIgnore(path) {
    const { node, parent } = path;
    if (!isText(node) || parent === null || parent === undefined) return undefined;
    if (parent.type === 'NewExpression') {
      const index = messageArgumentIndex(parent.callee);
      if (index >= 0 && parent.arguments[index] === node) return REASON;
    }
    if (parent.type === 'ObjectProperty' && parent.value === node && !parent.computed) {
      const key = parent.key;
      if ((key.type === 'Identifier' && key.name === 'message') || (key.type === 'StringLiteral' && key.value === 'message')) return REASON;
    }
    return undefined;
  },
};

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, 'message-text', messageTextIgnorer)];
