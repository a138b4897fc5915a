/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Loaded by Node at run time, never bundled: a native binding, yjs (one copy per process), pdfkit (reads its own data files).
  serverExternalPackages: ['better-sqlite3', 'yjs', 'pdfkit'],
  poweredByHeader: false,
};

module.exports = nextConfig;
