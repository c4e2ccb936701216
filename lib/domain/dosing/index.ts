/** Pure dosing-session rules (CLINICAL.md §3): no I/O, every threshold a practice setting. */
export * from "@/lib/domain/dosing/checklist";
export * from "@/lib/domain/dosing/discharge";
export * from "@/lib/domain/dosing/order";
export * from "@/lib/domain/dosing/vitals";
