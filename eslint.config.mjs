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
