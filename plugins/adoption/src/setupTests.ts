import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// jsdom has no canvas: its getContext logs "not implemented" and returns undefined. A
// browser without 2D canvas returns null, which the charts detect: they skip uPlot and
// point to their data table. Make jsdom behave like that browser, quietly.
HTMLCanvasElement.prototype.getContext = (() =>
  null) as unknown as HTMLCanvasElement['getContext'];

// Rendering whole pages with userEvent takes seconds on a busy 2-core CI machine (see the
// ownership plugin's setupTests); Jest's 5 s default would fail tests that are only slow.
// For the same reason findBy/waitFor get 10 s instead of 1 s to see a whole page render;
// they still return as soon as the condition holds.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });
