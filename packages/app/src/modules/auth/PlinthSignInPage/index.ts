export { PlinthSignInPage } from './PlinthSignInPage';
