/**
 * Debian Chromium started headless on these machines (the browser tests and the Lighthouse
 * bench): no sandbox as root, no GPU, and none of the background connections the closed
 * network would refuse.
 */
export const headlessChromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
