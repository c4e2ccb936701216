import { describe, expect, it } from "vitest";
import {
  PCL5_CLUSTERS,
  type Pcl5Answers,
  pcl5Result,
  provisionalLabel,
  scorePcl5,
} from "@/lib/domain/measures/pcl5";

/**
 * The PCL-5's DSM-5 symptom rule (docs/clinical-rules.md §4, after the National Center for PTSD's
 * scoring notes): an item rated 2 or more is an endorsed symptom; the rule needs 1 of B1-B5, 1 of
 * C6-C7, 2 of D8-D14 and 2 of E15-E20.
 */
const zero = (): Pcl5Answers =>
  Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`q${i + 1}`, 0])) as Pcl5Answers;
const rated = (ratings: Record<number, number>): Pcl5Answers => {
  const a = zero() as Record<string, number>;
  for (const [item, value] of Object.entries(ratings)) a[`q${item}`] = value;
  return a as Pcl5Answers;
};
/** The least that meets the rule: B1, C6, D8, D9, E15, E16 at 2 (total 12, far below the cut-off). */
const MINIMAL_RULE = { 1: 2, 6: 2, 8: 2, 9: 2, 15: 2, 16: 2 };

describe("PCL-5 DSM-5 symptom rule", () => {
  it("has the DSM-5 clusters B1-B5, C6-C7, D8-D14, E15-E20 with their needed counts", () => {
    expect(PCL5_CLUSTERS.map((c) => [c.id, c.items.length, c.needed])).toEqual([
      ["B", 5, 1],
      ["C", 2, 1],
      ["D", 7, 2],
      ["E", 6, 2],
    ]);
  });

  it("is met by 1 B, 1 C, 2 D and 2 E items rated 2, though the total is below the cut-off", () => {
    const r = pcl5Result(rated(MINIMAL_RULE));
    expect(r.total).toBe(12);
    expect(r.dsm5RuleMet).toBe(true);
    expect(r.cutoffMet).toBe(false);
    expect(r.provisional).toEqual({ byCutoff: false, byDsm5Rule: true });
    expect(scorePcl5(rated(MINIMAL_RULE))).toEqual({
      total: 12,
      band: "probable-ptsd",
      bandLabel: "Provisional PTSD (DSM-5 symptom rule)",
      flags: ["pcl5-dsm5-rule"],
    });
  });

  it("counts an item rated 1 as not endorsed, 2 as endorsed", () => {
    expect(pcl5Result(rated({ ...MINIMAL_RULE, 1: 1 })).dsm5RuleMet).toBe(false);
    expect(pcl5Result(rated({ ...MINIMAL_RULE, 1: 1, 2: 2 })).dsm5RuleMet).toBe(true);
  });

  it.each([
    ["B", { 1: 0 }],
    ["C", { 6: 0 }],
    ["D", { 9: 1 }],
    ["E", { 16: 1 }],
  ])("is not met when cluster %s falls one short", (id, change) => {
    const r = pcl5Result(rated({ ...MINIMAL_RULE, ...change }));
    expect(r.dsm5RuleMet).toBe(false);
    expect(r.clusters.filter((c) => !c.met).map((c) => c.id)).toEqual([id]);
  });

  it("gives each cluster's subtotal and endorsed count", () => {
    const r = pcl5Result(rated({ 1: 4, 2: 1, 6: 3, 8: 2, 10: 1, 14: 3, 20: 4 }));
    expect(r.clusters.map((c) => [c.id, c.subtotal, c.endorsed, c.met])).toEqual([
      ["B", 5, 1, true],
      ["C", 3, 1, true],
      ["D", 6, 2, true],
      ["E", 4, 1, false],
    ]);
  });

  it("says provisional PTSD when the cut-off or the rule is met, and which", () => {
    const both = rated(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i + 1, 2])));
    expect(provisionalLabel(pcl5Result(both).provisional)).toBe(
      "Provisional PTSD (cut-off and DSM-5 symptom rule)",
    );
    // All in B and C (total 28 with items 1-7 at 4) plus D at 4 and 1: the cut-off (33) without the rule.
    const cutoffOnly = rated({ 1: 4, 2: 4, 3: 4, 4: 4, 5: 4, 6: 4, 7: 4, 8: 4, 9: 1 });
    expect(provisionalLabel(pcl5Result(cutoffOnly).provisional)).toBe("Provisional PTSD (cut-off)");
    expect(pcl5Result(zero()).provisional).toBeNull();
    expect(scorePcl5(zero()).bandLabel).toBe("Below cut-off");
  });
});
