/**
 * An open-loop Monte Carlo tree search planner over cloned environments (UCT; Kocsis & Szepesvari 2006). Each
 * simulation copies the root environment, gives the copy a fresh random stream (so the planner samples the
 * future instead of reading the environment's own generator), walks the tree of action sequences by UCB1,
 * expands one node, then plays a random rollout to the horizon. Returns are discounted sums of rewards, a
 * penalty on a terminal that is a death, and the game's heuristic leaf value on states the horizon cuts off.
 * Strength is set by the budget (simulations per decision); the per-decision cost is about
 * budget * horizon simulator steps. Allocation happens once, at construction.
 */
import { Rng } from "../../util/rng.js";
import { Env } from "./env.js";
import type { Game } from "./game.js";

/** Settings of the planner. */
export interface PlannerConfig {
  /** Simulations per decision. */
  budget: number;
  /** Steps per simulation (tree part plus rollout). */
  horizon: number;
  /** Maximum depth of the search tree (the rest of the horizon is a rollout). */
  treeDepth: number;
  /** Discount per step. */
  gamma: number;
  /** UCB1 exploration constant, in units of max(1, -deathValue) (the spread of returns). */
  exploration: number;
  /** Value of an episode that ends inside the horizon (a negative number: losing the rest of the game). */
  deathValue: number;
  /** Weight of the game's heuristic leaf value. */
  heuristicWeight: number;
  /** Probability that a rollout step repeats the previous rollout action (smoother random play). */
  rolloutRepeat: number;
  /**
   * `mean`: a node's value is the mean return of the simulations through it (plain UCT). `max`: the mean
   * reward of entering it plus the discounted continuation, where simulations that went on count at the best
   * child's value and those that stopped at the node (its rollout, or the episode's end) at their own return
   * (an expectimax-style backup that finds the one good line in near-deterministic games).
   */
  backup: "mean" | "max";
}

/** A decision: the chosen action and the search statistics at the root. */
export interface PlannerDecision {
  action: number;
  /** Mean return estimate of the chosen action. */
  value: number;
}

/** The MCTS planner for one game; reuse it for every decision of an episode (it owns its scratch space). */
export class Planner {
  readonly game: Game;
  readonly config: PlannerConfig;
  private readonly rng: Rng;
  private readonly sim: Env;
  private readonly actions: readonly number[];
  private readonly children: Int32Array;
  private readonly visits: Int32Array;
  private readonly values: Float64Array;
  private readonly rewardSums: Float64Array;
  private readonly leafSums: Float64Array;
  private readonly leafCounts: Int32Array;
  private readonly qmax: Float64Array;
  private readonly path: Int32Array;
  private readonly rewards: Float64Array;
  private readonly seedWords = [0, 0, 0, 0];
  private nodes = 0;

  constructor(game: Game, config: PlannerConfig, seed: number) {
    this.game = game;
    this.config = config;
    this.rng = new Rng(seed);
    this.sim = new Env(game);
    this.actions = game.minimalActions;
    const maxNodes = config.budget + 1;
    this.children = new Int32Array(maxNodes * this.actions.length);
    this.visits = new Int32Array(maxNodes);
    this.values = new Float64Array(maxNodes);
    this.rewardSums = new Float64Array(maxNodes);
    this.leafSums = new Float64Array(maxNodes);
    this.leafCounts = new Int32Array(maxNodes);
    this.qmax = new Float64Array(maxNodes);
    this.path = new Int32Array(config.treeDepth + 1);
    this.rewards = new Float64Array(config.horizon + 1);
  }

  /** Plans from `root` (left unchanged) and returns the chosen action. */
  decide(root: Env): PlannerDecision {
    const { config, children, actions, sim, rng } = this;
    const nA = actions.length;
    children.fill(-1);
    this.nodes = 1;
    this.clearNode(0);
    for (let s = 0; s < config.budget; s++) {
      sim.copyFrom(root);
      for (let k = 0; k < 4; k++) this.seedWords[k] = rng.nextU32();
      this.seedWords[0] |= 1;
      sim.rng.setState(this.seedWords);
      // Selection, then expansion of one node.
      let node = 0;
      let depth = 0;
      this.path[0] = 0;
      while (depth < config.treeDepth && !sim.terminal) {
        const base = node * nA;
        let pick = this.untried(node);
        const expand = pick >= 0;
        if (expand) {
          const child = this.nodes++;
          this.clearNode(child);
          children[base + pick] = child;
        } else pick = this.select(node);
        this.rewards[depth] = sim.step(actions[pick]);
        node = children[base + pick];
        this.path[++depth] = node;
        if (expand) break;
      }
      const treeLen = depth;
      // Rollout.
      const game = this.game;
      const hinted = game.rolloutAction !== undefined;
      let a = actions[rng.int(nA)];
      while (depth < config.horizon && !sim.terminal) {
        if (hinted) a = game.rolloutAction!(sim.state, rng);
        else if (rng.next() >= config.rolloutRepeat) a = actions[rng.int(nA)];
        this.rewards[depth++] = sim.step(a);
      }
      let g = sim.terminal
        ? config.deathValue
        : config.heuristicWeight !== 0 && this.game.heuristic
          ? config.heuristicWeight * this.game.heuristic(sim.state)
          : 0;
      for (let d = depth - 1; d >= treeLen; d--) g = this.rewards[d] + config.gamma * g;
      this.backup(treeLen, g);
    }
    // The root child with the best value (max backup) or the most visits (mean backup; ties to the better mean).
    let best = -1;
    let bestKey = Number.NEGATIVE_INFINITY;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let a = 0; a < nA; a++) {
      const c = children[a];
      if (c < 0 || this.visits[c] === 0) continue;
      const v = this.value(c);
      const key = config.backup === "max" ? v : this.visits[c] + 1e-9 * Math.tanh(v);
      if (key > bestKey) {
        best = a;
        bestKey = key;
        bestValue = v;
      }
    }
    return { action: actions[Math.max(0, best)], value: bestValue };
  }

  private clearNode(n: number): void {
    this.visits[n] = 0;
    this.values[n] = 0;
    this.rewardSums[n] = 0;
    this.leafSums[n] = 0;
    this.leafCounts[n] = 0;
    this.qmax[n] = 0;
  }

  /** A random action index not yet expanded at `node`, or -1. */
  private untried(node: number): number {
    const nA = this.actions.length;
    const base = node * nA;
    let count = 0;
    for (let a = 0; a < nA; a++) if (this.children[base + a] < 0) count++;
    if (count === 0) return -1;
    let k = this.rng.int(count);
    for (let a = 0; a < nA; a++) if (this.children[base + a] < 0 && k-- === 0) return a;
    return -1;
  }

  /** The value of a node: mean return (mean backup) or mean entry reward + gamma * best continuation (max). */
  private value(n: number): number {
    return this.config.backup === "max" ? this.qmax[n] : this.values[n] / this.visits[n];
  }

  /** Backs up the return `leafReturn` of the steps after path[treeLen] along the path. */
  private backup(treeLen: number, leafReturn: number): void {
    const { config, path, rewards, visits, values } = this;
    const nA = this.actions.length;
    const leaf = path[treeLen];
    this.leafSums[leaf] += leafReturn;
    this.leafCounts[leaf]++;
    let g = leafReturn;
    for (let d = treeLen; d >= 1; d--) {
      const n = path[d];
      g = rewards[d - 1] + config.gamma * g;
      visits[n]++;
      values[n] += g;
      this.rewardSums[n] += rewards[d - 1];
      if (config.backup === "max") {
        let best = Number.NEGATIVE_INFINITY;
        for (let a = 0; a < nA; a++) {
          const c = this.children[n * nA + a];
          if (c >= 0 && visits[c] > 0 && this.qmax[c] > best) best = this.qmax[c];
        }
        // Simulations that stopped here (an expansion rollout, or the episode ended here) keep their own
        // returns; those that went on count at the best child's value.
        const onward = visits[n] - this.leafCounts[n];
        const cont = onward > 0 && best > Number.NEGATIVE_INFINITY ? onward * best : 0;
        this.qmax[n] = (this.rewardSums[n] + config.gamma * (this.leafSums[n] + cont)) / visits[n];
      }
    }
    visits[0]++;
    values[0] += g;
  }

  /** UCB1 over the children of a fully expanded node. */
  private select(node: number): number {
    const { children, visits } = this;
    const nA = this.actions.length;
    const logN = Math.log(Math.max(1, visits[node]));
    const c = this.config.exploration * Math.max(1, -this.config.deathValue);
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let a = 0; a < nA; a++) {
      const child = children[node * nA + a];
      const n = visits[child];
      const score = n === 0 ? Number.POSITIVE_INFINITY : this.value(child) + c * Math.sqrt(logN / n);
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
    return best;
  }
}
