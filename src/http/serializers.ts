import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type BuildSerializer = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']>;

const buildDefault = SerializerSelector();
const compiled = new Map<string, (data: unknown) => string>();

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled once per process by
 * content: compiling one is generating code, and every app instance (tests build hundreds)
 * declares equal schemas anew.
 */
export const buildCachedSerializer: BuildSerializer = (externalSchemas, options) => {
  const build = buildDefault(externalSchemas as never, options as never);
  const context = JSON.stringify([externalSchemas, options]);
  return (route) => {
    const key = `${context}${JSON.stringify(route.schema)}`;
    let serialize = compiled.get(key);
    if (!serialize) compiled.set(key, (serialize = build(route) as (data: unknown) => string));
    return serialize;
  };
};
