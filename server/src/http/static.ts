import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request, type Response, type Router } from 'express';

/**
 * Serves a built single-page app from `dir`: its files, and its index.html for any other GET that
 * asks for HTML (client-side routes such as /plans/…). Hashed assets are cached for a year.
 */
export function singlePageApp(dir: string, { missing }: { missing: string }): Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  router.use(
    express.static(dir, {
      index: false,
      setHeaders(response, path) {
        response.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get('/{*path}', (request: Request, response: Response, next) => {
    if (!request.accepts('html')) return next();
    // Checked per request: a build finishing after start-up is picked up without a restart.
    if (!existsSync(index)) {
      response.status(503).type('text/plain').send(missing);
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return router;
}
