// Placeholder so the workspace resolves; replaced by the package's real entry point.
export {};
