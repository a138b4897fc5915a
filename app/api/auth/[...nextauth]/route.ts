import { handlers } from '@/app/_server/auth';

// GET/POST /api/auth/* – next-auth's own sign-in, sign-out, session and CSRF endpoints.
export const { GET, POST } = handlers;
