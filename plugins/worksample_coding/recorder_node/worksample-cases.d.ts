// Types of the helper hidden cases import in TypeScript: import { test } from "worksample-cases".
// The helper itself is worksample-cases.js, beside this file.

/** Tolerances for one recorded value, read from the reference solution's run only. */
export interface RecordOptions {
  /** Floats inside the value may differ by this much (an int then matches a close float). */
  absTol?: number;
  /** ... or by this fraction of the larger one. */
  relTol?: number;
  /** The value, an array, is compared in any order; the items inside keep theirs. */
  unordered?: boolean;
  /** Any thrown error of this class or a subclass matches (the reference's must be one). */
  raisedAs?: string;
}

/** What a case gets to record with. */
export interface Recorder {
  /**
   * Call `call()` and record what it returned or threw; give that back (when it threw, the
   * error). A Promise is awaited: then record gives back a Promise, to await.
   */
  <T>(label: string, call: () => Promise<T>, options?: RecordOptions): Promise<T>;
  <T>(label: string, call: () => T, options?: RecordOptions): T;
  /** Record a value you already have; give it back. */
  value<T>(label: string, value: T, options?: RecordOptions): T;
}

export interface CaseOptions {
  /** Points of the case (default 1). */
  weight?: number;
  /** The automatic rubric criterion it scores (default: the assignment's tests_criterion). */
  criterion?: string;
}

export type Case = (record: Recorder) => void | Promise<void>;

/** Declare a hidden case, at the top level of a case file. */
export function test(name: string, fn: Case): void;
export function test(name: string, options: CaseOptions, fn: Case): void;

/** The label of what stopped a case outside a record. */
export const CASE_ITSELF: string;
