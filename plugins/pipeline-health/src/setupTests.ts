import '@testing-library/jest-dom';

// jsdom has no canvas: its getContext logs "not implemented" and returns undefined. A
// browser without 2D canvas returns null, which the charts detect and answer with their
// data table; make jsdom behave like that browser, quietly.
HTMLCanvasElement.prototype.getContext = (() =>
  null) as unknown as HTMLCanvasElement['getContext'];

// Rendering whole pages with userEvent takes seconds on a busy 2-core CI machine (see the
// ownership plugin's setupTests); Jest's 5 s default would fail tests that are only slow.
jest.setTimeout(30_000);
