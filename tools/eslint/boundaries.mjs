import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The architecture's import rule, checked on resolved paths (so `../../courses/x` is caught however deep it
 * starts): the web client imports nothing outside web/; a subgraph never imports another subgraph, the gateway, or the scripts; `common/` imports no
 * subgraph and not the gateway; the gateway imports no subgraph.
 */
const root = resolve(import.meta.dirname, '../..');

/** `subgraphs/<name>`, or the top-level folder, of a path inside the repository; null outside it. */
function areaOf(path) {
  const parts = relative(root, path).split(sep);
  if (parts[0] === '..' || parts.length < 2) return null;
  return parts[0] === 'subgraphs' ? `subgraphs/${parts[1]}` : parts[0];
}

function allowed(from, to) {
  if (from === to || to === null || from === null) return true;
  if (from.startsWith('subgraphs/')) return to === 'common';
  if (from === 'common') return false;
  if (from === 'gateway') return to === 'common';
  if (from === 'web') return false; // the browser client talks to the graph over HTTP only
  return true; // scripts, seed, bench and tests assemble the whole system
}

export const boundaries = {
  rules: {
    imports: {
      meta: {
        type: 'problem',
        messages: { crossed: '{{from}} must not import {{to}} ({{source}}): subgraphs share only common/, common/ imports no component' },
      },
      create(context) {
        const from = areaOf(context.filename);
        const check = (node) => {
          const source = node.source?.value;
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const to = areaOf(resolve(dirname(context.filename), source));
          if (!allowed(from, to)) context.report({ node, messageId: 'crossed', data: { from, to, source } });
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
          ImportExpression: check,
          CallExpression(node) {
            if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal')
              check({ source: node.arguments[0], ...node });
          },
        };
      },
    },
  },
};
