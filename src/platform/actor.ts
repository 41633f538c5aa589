import { forbidden, invalidField } from './errors';

export const ROLES = ['organiser', 'unit'] as const;
export type Role = (typeof ROLES)[number];

/** Who is making a change: an API key's holder, a person signed in to the pages, or a command-line script ("system"). */
export interface Actor {
  keyId: number | null;
  /** Set when a signed-in person acts through the pages. */
  userId?: number | null;
  role: Role | 'system';
  /** Set for unit keys: the one unit this key acts for. */
  unitId: number | null;
  /** The HTTP request acting, recorded with every change it makes. */
  requestId?: string;
  /** Set when another government's organisers act as this one's asistensi partner (its slug). */
  partner?: string;
}

export const systemActor: Actor = { keyId: null, role: 'system', unitId: null };

export const isOrganiser = (actor: Actor) => actor.role === 'organiser' || actor.role === 'system';

export function requireOrganiser(actor: Actor): void {
  if (!isOrganiser(actor)) throw forbidden('Only organiser keys may do this');
}

/** Organisers act for any unit; a unit key only for its own. */
export function canActForUnit(actor: Actor, unitId: number): boolean {
  return isOrganiser(actor) || actor.unitId === unitId;
}

export function requireUnitAccess(actor: Actor, unitId: number): void {
  if (!canActForUnit(actor, unitId)) throw forbidden('A unit key may only act for its own unit');
}

/** The unit a body is about: the one it names, else a unit key's own (organisers must name one). */
export function unitIdOf(actor: Actor, given: number | undefined): number {
  if (given !== undefined) return given;
  if (actor.unitId !== null) return actor.unitId;
  throw invalidField('/body/unitId', 'is required');
}
