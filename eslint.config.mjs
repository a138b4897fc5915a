// ESLint: Next's own rules (React, hooks, accessibility, Core Web Vitals) with typescript-eslint,
// and the layering the architecture depends on, enforced rather than hoped for.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import fs from 'node:fs';

/** Every folder of lib/ (read at lint time, so a new one is covered without editing this file). */
const LIB_FOLDERS = fs.readdirSync(new URL('./lib', import.meta.url), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
/** What storage may import from the rest of lib/: the ground floor, which imports nothing of ours. */
const GROUND_FLOOR = ['domain', 'config'];

const storageMayNotImport = (folders) =>
  [...folders.filter((folder) => folder !== 'storage' && !GROUND_FLOOR.includes(folder)), 'app', 'server'].map((layer) => ({
    group: [`../${layer}/*`, `../../${layer}/*`, `../../../${layer}/*`, `@/lib/${layer}/*`, `@/${layer}/*`],
    message: `storage must not import ${layer}/: it is the lowest layer (it imports only ${GROUND_FLOOR.map((folder) => `lib/${folder}`).join(' and ')}).`,
  }));
const typesOnlyFrom = (layer) => [{ group: [`../${layer}/*`, `../../${layer}/*`], allowTypeImports: true, message: `storage takes only types from ${layer}/.` }];

/** The engines and storage's internals (group commit, folds, test engines): reached only through lib/storage's public modules. */
const ENGINES_ONLY_THROUGH_STORAGE = {
  group: ['**/storage/sqlite', '**/storage/pg', '**/storage/memory', '**/storage/log', '**/storage/testing'].flatMap((folder) => [folder, `${folder}/*`]),
  message: 'reach storage through its public modules (lib/storage/storage.ts, records.ts, open.ts, secrets.ts, comment-store.ts), never an engine (see ARCHITECTURE.md: Layers).',
};

const noUpwardImports = (from, layers) => ({
  files: [`${from}/**/*.{ts,tsx,mts}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: layers.map((layer) => ({
          group: [`**/${layer}/*`, `@/${layer}/*`, ...(layer === 'next' ? ['next', 'next/*', 'next-auth', 'next-auth/*'] : [])],
          message: `${from}/ must not import ${layer === 'next' ? 'Next.js' : `${layer}/`} (see ARCHITECTURE.md: Layers).`,
        })),
      },
    ],
  },
});

const appStorageImports = (alsoAllowed) => [
  { ...ENGINES_ONLY_THROUGH_STORAGE, message: 'app/ never reaches a storage engine: getStorage() in app/_server/storage.ts opens the store.' },
  {
    group: ['@/lib/storage/*', ...['records', ...alsoAllowed].map((module) => `!@/lib/storage/${module}`)],
    allowTypeImports: true,
    message: 'app/ takes only types (and records) from lib/storage; the store itself comes from getStorage().',
  },
];

const config = [
  {
    ignores: ['.next/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'data/**', 'next-env.d.ts'],
  },
  ...nextVitals,
  ...nextTypescript,
  noUpwardImports('lib', ['app', 'server', 'next']),
  noUpwardImports('server', ['app', 'next']),
  {
    // Storage is the lowest layer: it imports only the ground floor (and the comment views' types,
    // which travel on the wire and so live beside the protocol), never roles' meaning, exports or the editor.
    files: ['lib/storage/**/*.ts'],
    ignores: ['**/*.test.ts', 'lib/storage/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: storageMayNotImport(LIB_FOLDERS.filter((folder) => folder !== 'comments')).concat(typesOnlyFrom('comments')) }],
    },
  },
  {
    // The fold replays a manuscript's log and counts its words: the document model it folds is the one thing above storage it reads.
    files: ['lib/storage/log/fold.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: storageMayNotImport(LIB_FOLDERS.filter((folder) => !['collab', 'manuscript'].includes(folder))) }],
    },
  },
  {
    // Outside lib/storage, the engines are reached only through its public modules (storage.ts, records.ts, open.ts…).
    files: ['lib/**/*.ts', 'server/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'proxy.ts'],
    ignores: ['lib/storage/**', '**/*.test.ts', 'server/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [ENGINES_ONLY_THROUGH_STORAGE] }],
    },
  },
  {
    // The web app reaches storage only through app/_server/storage.ts (which opens it); elsewhere it takes records and types. It never reaches an engine.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/_server/storage.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: appStorageImports([]) }] },
  },
  {
    files: ['app/_server/storage.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: appStorageImports(['open']) }] },
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
