// Runs once when the server starts (never during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWork } = await import("./lib/background");
  startBackgroundWork();
  // The routes server.mjs answers before Next (lib/server/direct-routes.ts).
  // Security headers and the pages' Content-Security-Policy (lib/server/security-headers.ts).
  const { installSecurityHeaders } = await import("./lib/server/security-headers");
  installSecurityHeaders();
  const { installDirectRoutes } = await import("./lib/server/direct-routes");
  await installDirectRoutes();
}
