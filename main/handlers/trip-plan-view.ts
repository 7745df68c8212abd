import type { TripPlan as TripPlanView } from '../contract/index';
import { itemErrorMs, type TripPlan } from '../core/plan/trip-plan';

/** The plan as the renderer shows it: each finish with its error band, the rates' sources. */
export function tripPlanView(plan: TripPlan): TripPlanView {
  return {
    now: plan.now,
    readyBy: plan.readyBy,
    finishAt: plan.finishAt,
    errorFraction: plan.errorFraction,
    linkBytesPerSecond: plan.rates.linkBytesPerSecond,
    measured: plan.rates.measured,
    items: plan.items.map((item) => ({
      uid: item.uid,
      name: item.name,
      kind: item.kind,
      bytes: item.bytes,
      bytesEstimated: item.bytesEstimated,
      finishAt: item.finishAt,
      errorMs: itemErrorMs(plan, item),
      verdict: item.verdict,
    })),
  };
}
