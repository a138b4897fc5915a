export { newId } from '../storage/secrets';
