// Token secrets and their hashes live with storage, which keeps only the hashes.
export { API_TOKEN_PREFIX, generateApiToken, hashToken } from '../storage/secrets';
