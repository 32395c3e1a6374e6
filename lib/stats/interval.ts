/** A point estimate with a two-sided interval, both ends on the estimate's own scale. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}
