/**
 * helper.DefaultNormalizeScore: scales raw scores so the largest becomes `max` (integer
 * arithmetic, as upstream), optionally reversed so that fewer is better.
 */
export function defaultNormalizeScore(max: number, reverse: boolean, scores: number[]): void {
  let top = 0;
  for (const s of scores) if (s > top) top = s;
  if (top === 0) {
    if (reverse) scores.fill(max);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((max * scores[i]!) / top);
    if (reverse) s = max - s;
    scores[i] = s;
  }
}
