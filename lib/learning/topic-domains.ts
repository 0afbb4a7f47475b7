// Which exam domain a topic belongs to, for grouping the dashboard's mastery view.

/**
 * Each topic's domain is the one most of its questions are tagged with (ties go to the lower
 * domain id, so the grouping is stable). A topic none of whose questions carries a domain
 * (imported notes have none) maps to null.
 */
export function majorityDomainByTopic(questions: readonly { topicId: string; domain: number | null }[]): Record<string, number | null> {
  const counts = new Map<string, Map<number, number>>();
  for (const question of questions) {
    const perDomain = counts.get(question.topicId) ?? new Map<number, number>();
    if (question.domain !== null) perDomain.set(question.domain, (perDomain.get(question.domain) ?? 0) + 1);
    counts.set(question.topicId, perDomain);
  }
  const out: Record<string, number | null> = {};
  for (const [topicId, perDomain] of counts) {
    let best: number | null = null;
    let bestCount = 0;
    for (const [domain, count] of perDomain) {
      if (count > bestCount || (count === bestCount && best !== null && domain < best)) {
        best = domain;
        bestCount = count;
      }
    }
    out[topicId] = best;
  }
  return out;
}
