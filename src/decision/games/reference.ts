/**
 * Published numbers for the five MinAtar games (specs/minatar-rules.md): the original implementation's
 * random-policy returns and episode lengths (uniform over 6 actions, sticky 0.1, ramping on; 1,000 episodes,
 * 100 for Freeway), and the learning-curve scores at 5M frames of DQN (with replay) and actor-critic(lambda).
 */
export interface MinAtarReference {
  randomReturn: number;
  randomLength: number;
  /** Episodes behind the random numbers. */
  randomEpisodes: number;
  dqn5M: number;
  actorCritic5M: number;
}

/** Reference numbers per game (approximate curve readings for DQN and actor-critic). */
export const MINATAR_REFERENCE: Record<string, MinAtarReference> = {
  asterix: { randomReturn: 0.51, randomLength: 69, randomEpisodes: 1000, dqn5M: 17, actorCritic5M: 19 },
  breakout: { randomReturn: 0.53, randomLength: 11, randomEpisodes: 1000, dqn5M: 10, actorCritic5M: 17.5 },
  freeway: { randomReturn: 0.15, randomLength: 2501, randomEpisodes: 100, dqn5M: 50, actorCritic5M: 47 },
  seaquest: { randomReturn: 0.115, randomLength: 31, randomEpisodes: 1000, dqn5M: 20, actorCritic5M: 15 },
  space_invaders: {
    randomReturn: 2.89,
    randomLength: 51,
    randomEpisodes: 1000,
    dqn5M: 43,
    actorCritic5M: 185,
  },
};
