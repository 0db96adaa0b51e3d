/**
 * How Plinth's benchmarks launch Debian's Chromium (the browser tests' playwright.config.ts
 * uses the same flags): no sandbox (containers, root), no GPU, and nothing that reaches out
 * to the network on its own, so a measurement times the portal and nothing else.
 */
export function benchChromiumLaunchOptions(): {
  executablePath: string;
  args: string[];
} {
  return {
    executablePath: process.env.PLINTH_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  };
}
