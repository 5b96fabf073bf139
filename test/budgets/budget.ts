// A budget check that prints its figure and budget as one line of the `npm test` output, then fails the test when
// the figure misses the budget.
import assert from 'node:assert/strict';

export interface Budget {
  name: string;
  value: number;
  unit: string;
  min?: number;
  max?: number;
}

function describeLimits({ min, max, unit }: Budget): string {
  if (min !== undefined && min === max) return `exactly ${min} ${unit}`;
  const limits = [];
  if (min !== undefined) limits.push(`at least ${min} ${unit}`);
  if (max !== undefined) limits.push(`at most ${max} ${unit}`);
  return limits.join(' and ');
}

export function assertWithinBudget(budget: Budget): void {
  const { name, value, unit, min, max } = budget;
  const within = (min === undefined || value >= min) && (max === undefined || value <= max);
  const line = `${name}: ${value} ${unit} (budget: ${describeLimits(budget)})`;
  console.log(`${within ? 'within budget' : 'OVER BUDGET'}  ${line}`);
  assert.ok(within, `${line} is missed`);
}
