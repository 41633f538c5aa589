import type { FastifyRequest } from 'fastify';
import { flashText, type FlashCode } from './flash.text';

const isFlashCode = (code: string): code is FlashCode => Object.hasOwn(flashText.id, code);

/** The sentence a `?ok=` code stands for: only known codes, so nothing typed into a URL is ever shown. */
export function flashOf(request: FastifyRequest): string | undefined {
  const ok = (request.query as { ok?: unknown } | undefined)?.ok;
  return typeof ok === 'string' && isFlashCode(ok) ? flashText[request.page.lang][ok] : undefined;
}

/** The address to go to after a form succeeded, with what to say there. */
export const withFlash = (path: string, code: FlashCode) => `${path}${path.includes('?') ? '&' : '?'}ok=${encodeURIComponent(code)}`;
