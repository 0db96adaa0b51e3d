import '@testing-library/jest-dom';

// Rendering the page and typing through userEvent takes 1-2 s per test on an idle 2-core
// machine and several times that when CI runs other suites alongside; Jest's default 5 s
// timeout then fails tests that are only slow.
jest.setTimeout(30_000);
