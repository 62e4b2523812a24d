import { toErrorResponse } from "@/lib/errors";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a route handler so every failure answers JSON with a message and never a stack. */
export function jsonRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** Public read data: browsers and CDNs may keep it for a minute. */
export const publicCache = { "Cache-Control": "public, max-age=60, stale-while-revalidate=300" };
