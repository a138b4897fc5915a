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
    // Room features are reached only through their list (server/rooms/features/index.ts), never one by one.
    files: ['server/**/*.ts', 'lib/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts'],
    ignores: ['server/rooms/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)rooms/features/(?!index$)[^/]+$', message: 'Room features are configured through their list: import server/rooms/features (index.ts), not one feature.' }] },
      ],
    },
  },
  {
    // A room feature knows its room only through the feature interface and context (server/rooms/feature.ts), never the core's modules.
    files: ['server/rooms/features/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // ../x from here, or …/rooms/x from anywhere: only feature.ts (and the suggestion judge it wraps) may be named.
              regex: '^\\.\\./(?!(feature|suggestion-guard)$)[^/]+$|(^|/)rooms/(?!(feature|suggestion-guard|features)(/|$))[^/]+$',
              message: 'A room feature reaches its room only through RoomContext and the hooks in server/rooms/feature.ts.',
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
