/**
 * The game registry: name -> {@link Game}. The five MinAtar games are registered at load; a sixth game is one
 * file implementing {@link Game} plus one `registerGame(myGame)` call.
 */
import { InputError } from "../../util/errors.js";
import { asterix } from "./asterix.js";
import { breakout } from "./breakout.js";
import { freeway } from "./freeway.js";
import { type Game, HEADER, NUM_ACTIONS } from "./game.js";
import { seaquest } from "./seaquest.js";
import { spaceInvaders } from "./space-invaders.js";

const games = new Map<string, Game>();

/** Adds a game to the registry (checks its declared shape); replacing a name needs `replace`. */
export function registerGame(game: Game, opts: { replace?: boolean } = {}): void {
  const where = `game '${game.name}'`;
  if (!/^[a-z][a-z0-9_]*$/.test(game.name)) throw new InputError("name must be lower-case [a-z0-9_]", where);
  if (games.has(game.name) && !opts.replace) throw new InputError("is already registered", where);
  if (game.channels.length < 1) throw new InputError("needs at least one channel", where);
  if (game.colors.length !== game.channels.length || game.glyphs.length !== game.channels.length)
    throw new InputError("needs one colour and one glyph per channel", where);
  const C = game.channels.length;
  if (game.drawOrder && [...game.drawOrder].sort((a, b) => a - b).join() !== [...Array(C).keys()].join())
    throw new InputError(`drawOrder must list each of the ${C} channels once`, where);
  if (game.stateSize < HEADER) throw new InputError(`stateSize must be at least ${HEADER}`, where);
  if (!game.minimalActions.length || game.minimalActions.some((a) => !(a >= 0 && a < NUM_ACTIONS)))
    throw new InputError(`minimal actions must be in 0..${NUM_ACTIONS - 1}`, where);
  games.set(game.name, game);
}

/** The game registered under `name` (case-insensitive; `space-invaders`, `spaceinvaders` also accepted). */
export function getGame(name: string): Game {
  const key = name.toLowerCase().replace(/-/g, "_");
  const g = games.get(key) ?? games.get(key === "spaceinvaders" ? "space_invaders" : "");
  if (!g) throw new InputError(`unknown game '${name}'; known: ${[...games.keys()].join(", ")}`);
  return g;
}

/** Names of all registered games, in registration order. */
export function gameNames(): string[] {
  return [...games.keys()];
}

/** The five built-in MinAtar games, in the spec's order. */
export const MINATAR_GAMES = ["asterix", "breakout", "freeway", "seaquest", "space_invaders"] as const;

for (const g of [asterix, breakout, freeway, seaquest, spaceInvaders]) registerGame(g);
