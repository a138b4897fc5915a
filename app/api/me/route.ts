import { withUser } from '@/app/_server/api';

// GET /api/me – the signed-in user
export const GET = withUser(async ({ user }) => ({ id: user.id, email: user.email, name: user.name, color: user.color }));
