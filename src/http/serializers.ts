import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type BuildSerializer = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']>;

const buildDefault = SerializerSelector();
const compiled = new Map<string, (data: unknown) => string>();

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled when first used and
 * once per process by content: compiling one is generating code, a server should not wait for
 * the answers of routes nobody calls, and every app instance (tests build hundreds) declares
 * equal schemas anew.
 */
export const buildCachedSerializer: BuildSerializer = (externalSchemas, options) => {
  const build = buildDefault(externalSchemas as never, options as never);
  const context = JSON.stringify([externalSchemas, options]);
  return (route) => {
    const key = `${context}${JSON.stringify(route.schema)}`;
    let serialize = compiled.get(key);
    if (!serialize) {
      let built: ((data: unknown) => string) | undefined;
      serialize = (data) => (built ??= build(route) as (data: unknown) => string)(data);
      compiled.set(key, serialize);
    }
    return serialize;
  };
};
