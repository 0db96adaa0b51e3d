export { SignedInUser, describeSignedInUser } from './SignedInUser';
