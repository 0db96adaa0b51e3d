import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// A busy 2-core CI machine renders MUI forms slowly; waits still end as soon as they hold.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });
