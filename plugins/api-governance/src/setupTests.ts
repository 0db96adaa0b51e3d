import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole tabs render with MUI and core-components; on a busy 2-core CI machine that takes
// seconds (see the ownership plugin's setupTests). findBy/waitFor get 10 s to see the page;
// they still return as soon as the condition holds.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });
