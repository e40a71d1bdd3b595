/**
 * ESLint for seglint's own code (flat config): typescript-eslint's recommended rules, no
 * import cycle between files, and the floors of src/ (imports only run down).
 *
 * Why: the layout (docs/architecture.md) only stays true if a machine checks it. The floors
 * below are the ones src/ is built on, bottom to top; a file may import its own floor or a
 * lower one, never a higher one, and only src/index.ts (the public API) may import anything.
 * `import-x/no-cycle` follows every value import, static or dynamic (a dynamic import does
 * not hide a cycle); type-only imports are erased at run time and are left to the floors
 * rule, which checks them too. Style is Prettier's job (.prettierrc.json), not ESLint's.
 */
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

/** The floors of src/, bottom to top (formatters/ and diagram/ share one). */
const FLOORS = [
  ['base'],
  ['source'],
  ['inventory'],
  ['graph'],
  ['findings'],
  ['rules'],
  ['functions'],
  ['check'],
  ['formatters', 'diagram'],
  ['cli'],
];

/** One zone per floor: its folders may import nothing from a higher floor, nor src/index.ts. */
const floorZones = FLOORS.slice(0, -1).flatMap((dirs, i) => {
  const higher = FLOORS.slice(i + 1).flat();
  return dirs.map((dir) => ({
    target: `./src/${dir}`,
    from: [...higher.map((h) => `./src/${h}`), './src/index.ts'],
    message: `src/${dir}/ is floor ${i}; it imports only its own floor or lower ones (${FLOORS.slice(0, i + 1)
      .flat()
      .join(', ')}). See docs/architecture.md.`,
  }));
});

/** The relative imports of every .ts file under src/ (value, type-only and dynamic), read once. */
let importGraph;
function importsOf(file) {
  if (!importGraph) {
    importGraph = new Map();
    const todo = [path.resolve('src/index.ts')];
    while (todo.length > 0) {
      const from = todo.pop();
      if (importGraph.has(from)) continue;
      const found = ts.preProcessFile(readFileSync(from, 'utf8'), true, true).importedFiles;
      const targets = found.map((f) => resolveTs(from, f.fileName)).filter((t) => t !== undefined);
      importGraph.set(from, targets);
      todo.push(...targets);
    }
  }
  return importGraph.get(file) ?? [];
}

/** The .ts file a relative specifier (`./x.js`, as NodeNext writes it) names, if any. */
function resolveTs(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(from), spec).replace(/\.js$/, '.ts');
  return existsSync(target) ? target : undefined;
}

/** A path of imports from `start` back to `goal`, or undefined (breadth first: the shortest). */
function pathBack(start, goal) {
  const prev = new Map([[start, undefined]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of importsOf(queue[i])) {
      if (prev.has(next)) continue;
      prev.set(next, queue[i]);
      if (next === goal) {
        const steps = [next];
        for (let at = queue[i]; at !== undefined; at = prev.get(at)) steps.unshift(at);
        return steps;
      }
      queue.push(next);
    }
  }
  return undefined;
}

/**
 * `import-x/no-cycle` skips type-only imports (they are erased at run time), so a knot such as
 * inventory/load.ts ⇄ inventory/resolve.ts, held by one `import type`, would pass. This rule
 * reports each type-only import that closes a cycle over all imports; cycles made of value
 * imports alone are no-cycle's. The graph is read once per ESLint run.
 */
const noTypeCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid a type-only import that closes an import cycle between files' },
    messages: { cycle: 'Import cycle through a type-only import: {{route}}' },
    schema: [],
  },
  create(context) {
    const file = context.physicalFilename;
    function check(node) {
      if (node.importKind !== 'type' && node.exportKind !== 'type') {
        const specifiers = node.specifiers ?? [];
        const allTypes =
          specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
        if (!allTypes) return;
      }
      const target = node.source && resolveTs(file, node.source.value);
      if (!target) return;
      const back = pathBack(target, file);
      if (!back) return;
      const route = [file, ...back].map((f) => path.relative(process.cwd(), f)).join(' → ');
      context.report({ node, messageId: 'cycle', data: { route } });
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default tseslint.config(
  {
    ignores: ['dist/', 'coverage/', 'node_modules/', 'tests/fixtures/', 'test-results/', 'tmp/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused is unused, but `_name` says "kept on purpose" (a parameter a signature needs).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'all',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
      // Control characters in patterns are the point of src/base/sanitize.ts and friends.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX, seglint: { rules: { 'no-type-cycle': noTypeCycle } } },
    settings: {
      // Without the TypeScript extensions and parser, import-x resolves a .ts import but
      // never reads the file behind it, and no-cycle silently finds nothing.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'seglint/no-type-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: floorZones }],
      // A function longer than a screen does several things: split it at its seams, or say in
      // an eslint-disable comment (after `--`) why it stays whole.
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Tests parse outputs by hand (comma sequences in small scanners) and walk parsed XML
    // and JSON whose shape the assertions check; the floors and function length are src/'s.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
