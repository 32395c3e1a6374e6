/**
 * How long after a judgment its rater may take it back (while it is still their latest): long
 * enough to undo a slip of the finger, short enough that results do not shift under a researcher.
 * Plain data, for the rating page's countdown as for the server's check.
 */
export const UNDO_SECONDS = 60;
