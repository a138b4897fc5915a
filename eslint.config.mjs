// ESLint: Next's own rules (React, hooks, accessibility, Core Web Vitals) with typescript-eslint,
// and the layering the architecture depends on, enforced rather than hoped for.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const noUpwardImports = (from, layers) => ({
  files: [`${from}/**/*.{ts,tsx,mts}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: layers.map((layer) => ({
          group: [`**/${layer}/*`, `@/${layer}/*`, ...(layer === 'next' ? ['next', 'next/*', 'next-auth', 'next-auth/*'] : [])],
          message: `${from}/ must not import ${layer === 'next' ? 'Next.js' : `${layer}/`} (see ARCHITECTURE.md: Layout and import rules).`,
        })),
      },
    ],
  },
});

const config = [
  {
    ignores: ['.next/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'data/**', 'next-env.d.ts'],
  },
  ...nextVitals,
  ...nextTypescript,
  noUpwardImports('lib', ['app', 'server', 'next']),
  noUpwardImports('server', ['app', 'next']),
  {
    // Storage is the lowest layer: its engines know records and SQL, not roles, tokens' meaning, exports or the editor.
    files: ['lib/storage/**/*.ts', 'lib/db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['access', 'auth', 'export', 'import', 'editor', 'manuscript', 'notifications', 'appearance', 'drafts', 'collab', 'http', 'validation', 'app', 'server'].map((layer) => ({
            group: [`**/${layer}/*`, `@/${layer}/*`, `@/lib/${layer}/*`],
            message: `storage must not import ${layer}/: it is the lowest layer (records live in lib/storage/records.ts).`,
          })),
        },
      ],
    },
  },
  {
    // The web app reaches storage only through app/_server/storage.ts; elsewhere it takes records and types.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/_server/storage.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/db', '@/lib/db/*', '**/lib/db', '**/lib/db/*'], message: 'app/ uses storage (getStorage in app/_server/storage.ts), never the SQLite engine.' },
            { group: ['@/lib/storage/*', '!@/lib/storage/records'], allowTypeImports: true, message: 'app/ takes only types (and records) from lib/storage; the store itself comes from getStorage().' },
          ],
        },
      ],
    },
  },
  {
    // The manuscript workspace: its concern folders (app/m/[id]/_session, _editor, _margin, …) are wired by
    // manuscript-workspace.tsx and never reach back into it or the page, so each folder can be read on its own.
    files: ['app/m/**/*.{ts,tsx}'],
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              // `?id?` stands for the folder `[id]` (a glob reads brackets as a character class); `.*` keeps `from` a glob too.
              target: './app/m/?id?/_*/**/*',
              from: ['./app/m/?id?/manuscript-workspace.*', './app/m/?id?/page.*'],
              message: 'A workspace concern folder must not import the composition root (manuscript-workspace.tsx) or the page; pass what it needs as props.',
            },
          ],
        },
      ],
    },
  },
  {
    // Unused names are allowed when they say so (a leading underscore), as in destructured rests.
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // The React Compiler's rules: this app does not run the compiler, and its Yjs-driven effects set state on purpose.
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      'react-hooks/purity': 'off',
      'react-hooks/immutability': 'off',
    },
  },
];

export default config;
