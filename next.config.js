/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Loaded by Node at run time, never bundled: a native binding, and yjs which must exist once per process.
  serverExternalPackages: ['better-sqlite3', 'yjs'],
  poweredByHeader: false,
};

module.exports = nextConfig;
